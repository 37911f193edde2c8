// The map of an OGC API HTML page (internal/httpapi/templates): the page
// carries its features as JSON data (#features, CRS84), drawn as points
// coloured by rating over the map's offline outlines, or the configured
// basemap. A click on a point opens that asset's page.
import * as maplibregl from '../vendor/maplibre-gl/maplibre-gl.mjs';

const COLOURS = ['match', ['get', 'rag'], 'red', '#8f1d1d', 'amber', '#f59e0b', 'green', '#0b8a6f', '#d1d5db'];
const EMPTY = { type: 'FeatureCollection', features: [] };

async function json(url) {
  try {
    const res = await fetch(url);
    return res.ok ? await res.json() : null;
  } catch {
    return null;
  }
}

async function start() {
  const el = document.getElementById('map');
  const data = JSON.parse(document.getElementById('features').textContent);
  const root = new URL('..', import.meta.url); // the web map's root, beside this folder
  const [config, outlines] = await Promise.all([json(new URL('config.json', root)), json(new URL('data/outlines.geojson', root))]);
  const sources = { assets: { type: 'geojson', data }, outlines: { type: 'geojson', data: outlines || EMPTY } };
  const layers = [{ id: 'background', type: 'background', paint: { 'background-color': '#dde3ea' } }];
  if (config && config.basemap_url) {
    sources.basemap = { type: 'raster', tiles: [config.basemap_url], tileSize: 256, attribution: config.basemap_attribution || '' };
    layers.push({ id: 'basemap', type: 'raster', source: 'basemap' });
  } else {
    layers.push({ id: 'county', type: 'fill', source: 'outlines', filter: ['==', ['get', 'kind'], 'county'], paint: { 'fill-color': '#f7f7f2' } });
    layers.push({ id: 'lines', type: 'line', source: 'outlines', paint: { 'line-color': '#64748b', 'line-width': 1 } });
  }
  layers.push({ id: 'assets', type: 'circle', source: 'assets',
    paint: { 'circle-color': COLOURS, 'circle-radius': 6, 'circle-stroke-color': '#1f2937', 'circle-stroke-width': 1.5 } });
  const map = new maplibregl.Map({ container: el, style: { version: 8, sources, layers }, center: [-2, 53], zoom: 5,
    attributionControl: { customAttribution: config && config.basemap_url ? undefined : 'Outlines approximate, not Ordnance Survey data' } });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
  const points = data.features.filter((f) => f.geometry).map((f) => f.geometry.coordinates);
  if (points.length) {
    const b = points.reduce((acc, p) => acc.extend(p), new maplibregl.LngLatBounds(points[0], points[0]));
    map.fitBounds(b, { padding: 40, maxZoom: 15, animate: false });
  }
  // The browser tests wait for this, as app.js's data-state on the map.
  map.once('idle', () => {
    el.dataset.drawn = String(map.queryRenderedFeatures({ layers: ['assets'] }).length);
    document.body.dataset.state = 'idle';
  });
  map.on('mouseenter', 'assets', () => { map.getCanvas().style.cursor = 'pointer'; });
  map.on('mouseleave', 'assets', () => { map.getCanvas().style.cursor = ''; });
  map.on('click', 'assets', (e) => {
    const f = e.features && e.features[0];
    if (f && f.id !== undefined && data.features.length > 1) {
      location.href = new URL(`ogc/collections/assets/items/${f.id}?f=html`, root).href;
    }
  });
}

start();
