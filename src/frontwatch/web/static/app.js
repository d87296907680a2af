/* frontwatch dashboard: events, control, sieges and alerts from the API of this server.
   Every request goes to this origin; the map has no tile server (boundaries are vendored). */
"use strict";

const TYPE_COLOURS = {
  "Battles": "#c0392b",
  "Explosions/Remote violence": "#e67e22",
  "Violence against civilians": "#8e44ad",
  "Protests": "#27ae60",
  "Riots": "#7f5a3c",
  "Strategic developments": "#2c7fb8",
};
const CONTROL_COLOURS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02",
                         "#a6761d", "#666666"];
const MARKER_LIMIT = 2000;  // more events than this in view: grid cells instead of markers
const PAGE = 1000;

const state = { token: sessionStorage.getItem("fw-token"), user: null, span: null,
                places: {}, controllers: {}, current: null, shown: [] };
const $ = (id) => document.getElementById(id);

function say(text) { $("message").textContent = text || ""; }

async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (state.token) headers.Authorization = `Bearer ${state.token}`;
  if (options.body) headers["Content-Type"] = "application/json";
  const response = await fetch(path, Object.assign({}, options, { headers }));
  if (!response.ok) {
    let message = response.statusText;
    try { message = (await response.json()).error.message; } catch (ignored) { /* not JSON */ }
    const error = new Error(message);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

function text(tag, content, className) {
  const node = document.createElement(tag);
  if (content !== undefined && content !== null) node.textContent = String(content);
  if (className) node.className = className;
  return node;
}

/* ---- the map ------------------------------------------------------------------------ */

const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 16 }).setView([30, 30], 3);
const boundaries = L.layerGroup().addTo(map);
// Countries, then province outlines, below everything the map reports (overlayPane, 400).
map.createPane("countries").style.zIndex = 250;
map.createPane("provinces").style.zIndex = 300;
const controlLayer = L.layerGroup().addTo(map);
const siegeLayer = L.layerGroup().addTo(map);
const cellLayer = L.layerGroup().addTo(map);
const eventLayer = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false,
                                          disableClusteringAtZoom: 11 });
eventLayer.addTo(map);

async function drawBoundaries() {
  const topo = await (await fetch("/static/vendor/world-atlas/countries-50m.json")).json();
  L.geoJSON(topojson.feature(topo, topo.objects.countries), {
    style: { color: "#7d8b96", weight: 0.8, fillColor: "#fbfaf5", fillOpacity: 1 },
    pane: "countries",
    interactive: false,
  }).addTo(boundaries);
}

// Thousands of province outlines (the bundled Natural Earth set holds every country's) are
// drawn on one canvas: as SVG paths, every pan and zoom re-laid them out for over a minute.
const provinceCanvas = L.canvas({ padding: 0.2, pane: "provinces" });
let provincesDrawn = 0;

async function drawProvinces() {
  const provinces = await api("/boundaries/admin1");  // the user's, else the bundled set
  provincesDrawn = provinces.features.length;
  L.geoJSON(provinces, {
    renderer: provinceCanvas,
    style: { color: "#8a96a0", weight: 0.7, dashArray: "3 3", fill: false },
    onEachFeature: (feature, layer) => layer.bindTooltip(feature.properties.name, { sticky: true }),
  }).addTo(boundaries);
}

function legend() {
  const control = L.control({ position: "bottomright" });
  control.onAdd = () => {
    const box = L.DomUtil.create("div", "legend");
    for (const [name, colour] of Object.entries(TYPE_COLOURS)) {
      const row = document.createElement("div");
      const dot = document.createElement("i");
      dot.style.background = colour;
      row.append(dot, document.createTextNode(name));
      box.append(row);
    }
    return box;
  };
  control.addTo(map);
}

/* ---- filters ------------------------------------------------------------------------ */

function isoDay(date) { return date.toISOString().slice(0, 10); }

function filterQuery() {
  const params = new URLSearchParams();
  const until = $("until").value;
  if (until) params.set("until", until);
  const window = $("window").value;
  if (until && window) {
    const since = new Date(until);
    since.setUTCDate(since.getUTCDate() - Number(window) + 1);
    params.set("since", isoDay(since));
  }
  for (const [id, name] of [["type", "type"], ["actor", "actor"], ["words", "q"]]) {
    if ($(id).value.trim()) params.set(name, $(id).value.trim());
  }
  return params;
}

function viewBox() {
  const bounds = map.getBounds();
  const west = Math.max(-180, bounds.getWest()), east = Math.min(180, bounds.getEast());
  const south = Math.max(-90, bounds.getSouth()), north = Math.min(90, bounds.getNorth());
  return [west, south, east, north].map((value) => value.toFixed(4)).join(",");
}

function setSlider() {
  const { first, last } = state.span;
  if (!first) return;
  const days = Math.round((Date.parse(last) - Date.parse(first)) / 86400000);
  $("slider").max = String(days);
  $("slider").value = String(days);
  $("until").value = last;
}

function sliderMoved() {
  const day = new Date(state.span.first);
  day.setUTCDate(day.getUTCDate() + Number($("slider").value));
  $("until").value = isoDay(day);
  refresh();
}

/* ---- events ------------------------------------------------------------------------- */

function marker(feature) {
  const [lon, lat] = feature.geometry.coordinates;
  const event = feature.properties;
  const circle = L.circleMarker([lat, lon], {
    radius: Math.min(20, 6 + 2 * Math.sqrt(event.fatalities || 0)),
    color: "#222", weight: 1, fillOpacity: 0.85,
    fillColor: TYPE_COLOURS[event.event_type] || "#555",
    className: "fw-event",
  });
  circle.bindTooltip(`${event.event_date} · ${event.sub_event_type} · ${event.location || ""}`);
  circle.on("click", () => showEvent(event.event_id));
  circle.feature = feature;
  return circle;
}

let loading = 0;  // a newer load makes an older one's answers moot

async function loadEvents() {
  const mine = ++loading;
  const params = filterQuery();
  params.set("bbox", viewBox());
  const zoom = map.getZoom();
  const cell = Math.min(45, 360 / Math.pow(2, zoom + 2));
  const grid = $("show-events").checked ?
    await api(`/events/grid?${params}&cell=${cell.toFixed(4)}`) : { cells: [] };
  const total = grid.cells.reduce((sum, row) => sum + row.count, 0);
  const markers = [], cells = [], shown = [];
  if (total > MARKER_LIMIT) {
    for (const row of grid.cells) {
      const icon = L.divIcon({ className: "cell-count", html: String(row.count),
                               iconSize: [30, 30] });
      cells.push(L.marker([row.latitude, row.longitude], { icon }).on("click", () => {
        map.setView([row.latitude, row.longitude], zoom + 2);
      }));
    }
  } else if (total > 0) {
    params.set("format", "geojson");
    params.set("limit", String(PAGE));
    let cursor = null;
    do {
      const page = await api(`/events?${params}${cursor ? `&cursor=${cursor}` : ""}`);
      if (mine !== loading) return;
      markers.push(...page.features.filter((item) => item.geometry).map(marker));
      shown.push(...page.features.map((item) => item.properties));
      cursor = page.next_cursor;
    } while (cursor && shown.length < MARKER_LIMIT);
  }
  if (mine !== loading) return;
  eventLayer.clearLayers();
  cellLayer.clearLayers();
  eventLayer.addLayers(markers);
  cells.forEach((cellMarker) => cellMarker.addTo(cellLayer));
  state.shown = shown;
  $("counts").textContent = `${total} event(s) in view`;
}

function definition(list, term, value) {
  if (value === undefined || value === null || value === "") return;
  list.append(text("dt", term), text("dd", value));
}

async function showEvent(eventId) {
  const found = await api(`/events/${encodeURIComponent(eventId)}`);
  const event = found.event;
  state.current = event;
  $("panel").hidden = false;
  const box = $("event");
  box.replaceChildren(text("h2", `${event.sub_event_type}`));
  const list = document.createElement("dl");
  definition(list, "Date", event.event_date + (event.event_date_end ? ` – ${event.event_date_end}` : ""));
  definition(list, "Actor 1", event.actor1);
  definition(list, "Actor 2", event.actor2);
  definition(list, "Place", [event.location, event.admin1, event.country].filter(Boolean).join(", "));
  definition(list, "Fatalities", `${event.fatalities}${event.fatalities_text ? ` (“${event.fatalities_text}”)` : ""}`);
  definition(list, "Certainty", event.certainty);
  definition(list, "Source", event.source);
  definition(list, "Review", found.review.status);
  box.append(list);
  for (const item of event.evidence || []) {
    box.append(text("blockquote", item.sentence.trim(), "evidence"));
  }
  $("edit-fatalities").value = event.fatalities;
  $("edit-type").value = event.sub_event_type;
  $("review").hidden = !(state.user && state.user.role !== "viewer");
  $("review-status").textContent = found.review.history.map(
    (entry) => `${entry.action}${entry.user_name ? ` by ${entry.user_name}` : ""}`).join(", ");
  await showDocuments(event);
}

async function showDocuments(event) {
  const box = $("documents");
  box.replaceChildren();
  for (const docId of event.doc_ids || []) {
    let document_;
    try {
      document_ = (await api(`/documents/${encodeURIComponent(docId)}`)).document;
    } catch (error) {
      continue;  // a document this user may not read
    }
    const spans = (event.evidence || []).filter((item) => item.doc_id === docId)
      .sort((a, b) => a.start - b.start);
    const body = text("div", undefined, "document");
    let at = 0;
    for (const span of spans) {
      body.append(document.createTextNode(document_.text.slice(at, span.start)));
      body.append(text("mark", document_.text.slice(span.start, span.end)));
      at = span.end;
    }
    body.append(document.createTextNode(document_.text.slice(at)));
    box.append(text("h3", document_.title || docId), body);
    const first = body.querySelector("mark");
    if (first) body.scrollTop = Math.max(0, first.offsetTop - body.offsetTop - 40);
  }
}

async function review(action, fields) {
  const eventId = state.current.event_id;
  try {
    await api(`/events/${encodeURIComponent(eventId)}/review`, {
      method: "POST", body: JSON.stringify(fields ? { action, fields } : { action }) });
    say(`${action}: saved`);
    await showEvent(eventId);
    await loadEvents();
  } catch (error) {
    say(`${action} refused: ${error.message}`);
  }
}

/* ---- control, sieges, alerts -------------------------------------------------------- */

function controllerColour(name) {
  if (!(name in state.controllers)) {
    state.controllers[name] = CONTROL_COLOURS[Object.keys(state.controllers).length % CONTROL_COLOURS.length];
  }
  return state.controllers[name];
}

async function loadSituation() {
  controlLayer.clearLayers();
  siegeLayer.clearLayers();
  const at = $("until").value;
  const query = at ? `?at=${at}` : "";
  const [control, sieges, alerts] = await Promise.all([
    api(`/control${query}`), api(`/sieges${query}`), api(`/alerts${query}`)]);
  state.places = {};
  for (const fact of control.control) {
    if (fact.latitude === null || fact.longitude === null) continue;
    state.places[fact.place_id] = state.places[fact.place] = [fact.latitude, fact.longitude];
    if (!$("show-control").checked) continue;
    L.circleMarker([fact.latitude, fact.longitude], {
      radius: 14, weight: 0, fillOpacity: 0.3, fillColor: controllerColour(fact.controller),
      className: "fw-control",
    }).bindTooltip(`${fact.place}: held by ${fact.controller} since ${fact.since}`).addTo(controlLayer);
  }
  if ($("show-sieges").checked) {
    for (const siege of sieges.sieges) {
      for (const id of siege.place_ids || []) {
        const point = state.places[id];
        if (!point) continue;
        L.circle(point, { radius: 3000, color: "#a50026", weight: 2, dashArray: "6 4",
                          fill: false, className: "fw-siege" })
          .bindTooltip(`Besieged by ${siege.besieger} since ${siege.start}` +
                       (siege.population ? ` · ${siege.population.toLocaleString()} people` : ""))
          .addTo(siegeLayer);
      }
    }
  }
  showAlerts(alerts.alerts);
}

function showAlerts(alerts) {
  const list = $("alert-list");
  list.replaceChildren();
  for (const alert of alerts) {
    const item = text("li", undefined, alert.severity);
    item.append(text("div", `${alert.severity.toUpperCase()} · ${alert.kind.replace("_", " ")}`, "kind"));
    item.append(text("div", alert.places.join(", ") +
                     (alert.population ? ` · ${alert.population.toLocaleString()} people` : "")));
    item.append(text("div", alert.reasons.join("; ")));
    if (alert.quotes.length) item.append(text("div", `“${alert.quotes[0].sentence.trim()}”`, "quote"));
    item.append(text("div", `certainty: ${alert.certainty} · ${alert.state}`, "alert-state"));
    if (state.user && state.user.role !== "viewer") {
      for (const [label, next] of [["Acknowledge", "acknowledged"], ["Close", "closed"]]) {
        if (alert.state === next) continue;
        const button = text("button", label, "analyst-only alert-action");
        button.type = "button";
        button.addEventListener("click", async (clicked) => {
          clicked.stopPropagation();
          try {
            await api(`/alerts/${encodeURIComponent(alert.alert_id)}/state`, {
              method: "POST", body: JSON.stringify({ state: next }) });
            say(`alert ${next}`);
            await loadSituation();
          } catch (error) {
            say(`alert not changed: ${error.message}`);
          }
        });
        item.append(button);
      }
    }
    item.addEventListener("click", () => {
      const points = alert.places.map((name) => state.places[name]).filter(Boolean);
      if (points.length) map.fitBounds(L.latLngBounds(points).pad(0.5), { maxZoom: 11 });
    });
    list.append(item);
  }
  if (!alerts.length) list.append(text("li", "No alerts on this day."));
}

/* ---- signing in, start ---------------------------------------------------------------- */

let pending = null;
function refresh() {
  clearTimeout(pending);
  pending = setTimeout(async () => {
    try {
      await Promise.all([loadEvents(), loadSituation()]);
    } catch (error) {
      say(error.message);
    }
  }, 150);
}

async function start() {
  try {
    state.user = await api("/me");
  } catch (error) {
    state.token = null;
    sessionStorage.removeItem("fw-token");
    $("login").hidden = false;
    $("who").hidden = true;
    say(error.status === 401 ? "Sign in with an API token." : error.message);
    return;
  }
  $("login").hidden = true;
  $("who").hidden = false;
  $("who-name").textContent = state.user.name;
  $("who-role").textContent = state.user.role;
  document.body.classList.toggle("analyst", state.user.role !== "viewer");
  const taxonomy = await api("/taxonomy");
  for (const select of [$("type"), $("edit-type")]) {
    for (const kind of taxonomy.sub_event_types) {
      select.append(new Option(kind.name, kind.name));
    }
  }
  drawProvinces().catch((error) => say(`provinces: ${error.message}`));
  state.span = await api("/events/span");
  setSlider();
  if (state.span.count) {
    const grid = await api("/events/grid?cell=1");
    const points = grid.cells.map((row) => [row.latitude, row.longitude]);
    if (points.length) map.fitBounds(L.latLngBounds(points).pad(0.3), { maxZoom: 9 });
  }
  say("");
  refresh();
}

$("login").addEventListener("submit", (submitted) => {
  submitted.preventDefault();
  state.token = $("token").value.trim();
  sessionStorage.setItem("fw-token", state.token);
  start();
});
$("logout").addEventListener("click", () => {
  sessionStorage.removeItem("fw-token");
  window.location.reload();
});
$("slider").addEventListener("input", sliderMoved);
for (const id of ["until", "window", "type", "show-events", "show-control", "show-sieges"]) {
  $(id).addEventListener("change", refresh);
}
for (const id of ["actor", "words"]) $(id).addEventListener("input", refresh);
map.on("moveend", () => { if (state.user) loadEvents().catch((error) => say(error.message)); });
$("close-panel").addEventListener("click", () => { $("panel").hidden = true; });
$("confirm").addEventListener("click", () => review("confirm"));
$("reject").addEventListener("click", () => review("reject"));
$("save-edit").addEventListener("click", () => review("edit", {
  fatalities: Number($("edit-fatalities").value), sub_event_type: $("edit-type").value }));

/* for the browser tests: what the map shows */
window.frontwatch = {
  map,
  shown: () => state.shown.map((event) => [event.event_id, event.latitude, event.longitude]),
  show: showEvent,
  provinces: () => provincesDrawn,
};

legend();
drawBoundaries().catch((error) => say(`boundaries: ${error.message}`));
if (state.token) start(); else say("Sign in with an API token.");
