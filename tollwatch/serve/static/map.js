/* tollwatch map: an offline world (world-atlas countries TopoJSON, no tile server) or tiles from a
   configured URL; incident markers sized by toll and coloured by type, grouped by a simple grid
   clustering while zoomed out (cells of CELL_PX screen pixels, recomputed on every zoom). */
"use strict";

const TW_COLORS = {
  "Explosions/Remote violence": "#e53935",
  "Violence against civilians": "#8e24aa",
  "Battles": "#fb8c00",
  "Riots": "#fdd835",
  "Protests": "#43a047",
  "Strategic developments": "#1e88e5",
};
const TW_OTHER = "#546e7a";
const CELL_PX = 56;
const CLUSTER_BELOW_ZOOM = 6;

function twColor(type) { return TW_COLORS[type] || TW_OTHER; }
function twRadius(killed) { return 4 + 2.2 * Math.sqrt(Math.max(0, killed || 0)); }

let twWorld = null; // the countries GeoJSON, fetched once

async function twMakeMap(element, config) {
  const map = L.map(element, { worldCopyJump: true, minZoom: 1, maxZoom: 14 });
  map.setView([20, 20], 2);
  if (config.tile_url) {
    L.tileLayer(config.tile_url, { attribution: config.tile_attribution || "" }).addTo(map);
  } else {
    try {
      if (!twWorld) {
        const res = await fetch("/vendor/world-atlas/countries-110m.json");
        if (!res.ok) throw new Error("world-atlas is not installed (make web-deps)");
        const topo = await res.json();
        twWorld = topojson.feature(topo, topo.objects.countries);
      }
      L.geoJSON(twWorld, {
        style: { color: "#78909c", weight: 0.6, fillColor: "#eceff1", fillOpacity: 1 },
        interactive: false,
      }).addTo(map);
    } catch (err) {
      console.warn("offline world map unavailable:", err);
    }
  }
  return map;
}

/* points: [{id, lat, lon, killed, event_type, date, label}] */
function twPointLayer(map, points, onClick) {
  const layer = L.layerGroup().addTo(map);
  function render() {
    layer.clearLayers();
    const zoom = map.getZoom();
    if (zoom >= CLUSTER_BELOW_ZOOM || points.length < 2) {
      for (const p of points) addMarker(p);
      return;
    }
    const cells = new Map();
    for (const p of points) {
      const xy = map.project([p.lat, p.lon], zoom);
      const key = Math.floor(xy.x / CELL_PX) + ":" + Math.floor(xy.y / CELL_PX);
      if (!cells.has(key)) cells.set(key, []);
      cells.get(key).push(p);
    }
    for (const group of cells.values()) {
      if (group.length === 1) { addMarker(group[0]); continue; }
      const lat = group.reduce((s, p) => s + p.lat, 0) / group.length;
      const lon = group.reduce((s, p) => s + p.lon, 0) / group.length;
      const killed = group.reduce((s, p) => s + (p.killed || 0), 0);
      const types = {};
      for (const p of group) types[p.event_type] = (types[p.event_type] || 0) + 1;
      const main = Object.entries(types).sort((a, b) => b[1] - a[1])[0][0];
      const circle = L.circleMarker([lat, lon], {
        radius: 10 + 2 * Math.sqrt(group.length) + Math.sqrt(killed) / 2,
        color: "#263238", weight: 2, fillColor: twColor(main), fillOpacity: 0.75,
        className: "tw-cluster",
      }).bindTooltip(`${group.length} incidents, ${killed} killed`);
      circle.on("click", () => map.setView([lat, lon], Math.min(zoom + 3, CLUSTER_BELOW_ZOOM)));
      layer.addLayer(circle);
      layer.addLayer(L.marker([lat, lon], {
        interactive: false,
        icon: L.divIcon({ className: "tw-cluster-label", html: String(group.length), iconSize: [30, 14] }),
      }));
    }
  }
  function addMarker(p) {
    const m = L.circleMarker([p.lat, p.lon], {
      radius: twRadius(p.killed), color: "#263238", weight: 1,
      fillColor: twColor(p.event_type), fillOpacity: 0.8, className: "tw-marker",
    }).bindTooltip(p.label || `${p.date || "undated"}: ${p.killed ?? "?"} killed`);
    if (onClick) m.on("click", () => onClick(p));
    layer.addLayer(m);
  }
  map.on("zoomend", render);
  render();
  return layer;
}
