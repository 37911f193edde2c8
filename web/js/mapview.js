// The map: a plain offline background (approximate outlines and a
// graticule, or a configured basemap), assets from the vector tiles or,
// for filters the tiles cannot apply, from the API's GeoJSON, and overlay
// sources for the selection, its neighbours and co-location hubs.
import * as maplibregl from '../vendor/maplibre-gl/maplibre-gl.mjs';
import { authHeaders } from './api.js';
import { h } from './dom.js';

// RAG colours, shared with style.css (--red and so on). Every point has a
// dark ring (RING, over 10:1 on both backgrounds), so each stands out at
// 3:1 or more even where its fill does not; red and green fills reach 3:1
// on their own. Dark to light they run red, green, amber, unrated, so they
// stay apart for red-green colour-blind readers and in greyscale; the pale
// unrated point reads as "not yet filled in". internal/webtest checks the
// ratios from these values as the map uses them.
export const RAG_COLOURS = { red: '#8f1d1d', amber: '#f59e0b', green: '#0b8a6f', unrated: '#d1d5db' };
export const RING = '#1f2937';
const BACKGROUND = '#dde3ea';
const COUNTY_FILL = '#f7f7f2';
const HUB = '#1e3a8a';
const EMPTY = { type: 'FeatureCollection', features: [] };

const ragColour = ['match', ['get', 'rag'],
  'red', RAG_COLOURS.red, 'amber', RAG_COLOURS.amber, 'green', RAG_COLOURS.green, RAG_COLOURS.unrated];
const radius = ['interpolate', ['linear'], ['zoom'], 5, 2.5, 9, 3.5, 13, 5.5, 17, 9];
const circlePaint = {
  'circle-color': ragColour,
  'circle-radius': radius,
  'circle-stroke-color': RING,
  // Strokes are drawn outside the radius, so the fill keeps its size.
  'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 6, 0.8, 12, 1, 16, 1.5],
};

// graticule draws lon/lat lines: whole degrees nationally, tenths from
// zoom 9, so a register anywhere in Britain has a frame of reference.
function graticule() {
  const features = [];
  const line = (coords, step) => features.push({ type: 'Feature', properties: { step }, geometry: { type: 'LineString', coordinates: coords } });
  for (let lon = -11; lon <= 4; lon += 1) line([[lon, 49], [lon, 61]], 1);
  for (let lat = 49; lat <= 61; lat += 1) line([[-11, lat], [4, lat]], 1);
  for (let t = -110; t <= 40; t++) if (t % 10) line([[t / 10, 49], [t / 10, 61]], 0.1);
  for (let t = 490; t <= 610; t++) if (t % 10) line([[-11, t / 10], [4, t / 10]], 0.1);
  return { type: 'FeatureCollection', features };
}

// The library's popup and worker warm-up, for app.js, which loads this
// module lazily.
export const Popup = maplibregl.Popup;
export const prewarm = maplibregl.prewarm;

function style(config, tilejson, outlines) {
  const sources = {
    outlines: { type: 'geojson', data: outlines || EMPTY },
    graticule: { type: 'geojson', data: graticule() },
    assets: { type: 'vector', tiles: tilejson.tiles, minzoom: tilejson.minzoom, maxzoom: tilejson.maxzoom },
    list: { type: 'geojson', data: EMPTY },
    selected: { type: 'geojson', data: EMPTY },
    nearby: { type: 'geojson', data: EMPTY },
    hubs: { type: 'geojson', data: EMPTY },
    hubLinks: { type: 'geojson', data: EMPTY },
  };
  const layers = [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND } }];
  if (config.basemap_url) {
    sources.basemap = { type: 'raster', tiles: [config.basemap_url], tileSize: 256, attribution: config.basemap_attribution || '' };
    layers.push({ id: 'basemap', type: 'raster', source: 'basemap' });
  } else {
    layers.push({ id: 'county-fill', type: 'fill', source: 'outlines', filter: ['==', ['get', 'kind'], 'county'], paint: { 'fill-color': COUNTY_FILL } });
  }
  layers.push(
    { id: 'graticule-1', type: 'line', source: 'graticule', filter: ['==', ['get', 'step'], 1], paint: { 'line-color': '#94a3b8', 'line-width': 0.6, 'line-opacity': 0.6 } },
    { id: 'graticule-01', type: 'line', source: 'graticule', minzoom: 9, filter: ['==', ['get', 'step'], 0.1], paint: { 'line-color': '#94a3b8', 'line-width': 0.4, 'line-opacity': 0.45 } },
    { id: 'districts', type: 'line', source: 'outlines', filter: ['==', ['get', 'kind'], 'district-boundary'], paint: { 'line-color': '#64748b', 'line-width': 1, 'line-dasharray': [3, 2] } },
    { id: 'county-line', type: 'line', source: 'outlines', filter: ['==', ['get', 'kind'], 'county'], paint: { 'line-color': '#334155', 'line-width': 1.6 } },
    { id: 'assets-tiles', type: 'circle', source: 'assets', 'source-layer': 'assets', paint: circlePaint },
    { id: 'assets-list', type: 'circle', source: 'list', paint: circlePaint, layout: { visibility: 'none' } },
    // Neighbours of the selected asset, over the asset layers so their
    // blue ring shows, and drawn even where a partner filter hides them.
    { id: 'nearby', type: 'circle', source: 'nearby', paint: { 'circle-radius': radius, 'circle-color': ragColour, 'circle-stroke-color': '#2563eb', 'circle-stroke-width': 2.5 } },
    // Member lines go over the points: zoomed out to a county a 400 m line
    // is a few pixels long and would hide under them. Round caps keep the
    // shortest a visible stub.
    { id: 'hub-links', type: 'line', source: 'hubLinks', layout: { 'line-cap': 'round' },
      paint: { 'line-color': HUB, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 3, 12, 2.5, 16, 2] } },
    // A hub is a ring round its own asset, so its rating still shows.
    { id: 'hubs', type: 'circle', source: 'hubs', paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, 4.5, 9, 6, 13, 9, 17, 13], 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': HUB, 'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 8, 1.5, 13, 3] } },
    { id: 'selected', type: 'circle', source: 'selected', paint: { 'circle-radius': 14, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#111827', 'circle-stroke-width': 3 } },
  );
  return { version: 8, sources, layers };
}

// createMap builds the map; handlers are called with asset ids and hub
// features when people click.
export function createMap({ container, config, tilejson, bounds, outlines, onSelect, onHub }) {
  const origin = location.origin;
  const map = new maplibregl.Map({
    container,
    style: style(config, tilejson, outlines),
    // The register's extent; without one, Worcestershire.
    ...(bounds ? { bounds: [[bounds[0], bounds[1]], [bounds[2], bounds[3]]], fitBoundsOptions: { padding: 30 } } : { center: [-2.2, 52.2], zoom: 9 }),
    hash: 'map',
    attributionControl: false,
    // Our tiles and API answers need the token; nothing else gets it.
    transformRequest: (url) => (url.startsWith(origin) ? { url, headers: authHeaders() } : { url }),
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  map.addControl(new maplibregl.AttributionControl({
    compact: true,
    customAttribution: config.basemap_url ? undefined : 'Outlines approximate, not Ordnance Survey data',
  }), 'bottom-right');
  // The compact attribution starts open; on a phone it covers the map.
  map.once('load', () => {
    const a = map.getContainer().querySelector('.maplibregl-ctrl-attrib');
    if (a && map.getContainer().clientWidth < 640) a.classList.remove('maplibregl-compact-show');
  });
  map.getCanvas().setAttribute('aria-label', 'Map of assets. Arrow keys pan, plus and minus zoom.');

  // District names as HTML markers: the map has no glyph server offline.
  const labels = [];
  for (const f of (outlines ? outlines.features : [])) {
    if (f.properties.kind !== 'district-label') continue;
    labels.push(new maplibregl.Marker({ element: h('div', { class: 'district-label', 'aria-hidden': 'true' }, f.properties.name) })
      .setLngLat(f.geometry.coordinates).addTo(map));
  }
  // Zoomed out to the country the district names pile up on each other.
  const showLabels = () => {
    const hide = map.getZoom() < 8.3;
    for (const l of labels) l.getElement().style.visibility = hide ? 'hidden' : '';
  };
  map.on('zoomend', showLabels);
  map.once('load', showLabels);

  const assetLayers = ['assets-tiles', 'assets-list', 'nearby'];
  map.on('click', (e) => {
    const hub = map.queryRenderedFeatures(e.point, { layers: ['hubs'] })[0];
    if (hub) { onHub(hub.properties.rank); return; }
    // A little box round the click, so small points are easy to hit.
    const box = [[e.point.x - 4, e.point.y - 4], [e.point.x + 4, e.point.y + 4]];
    const f = map.queryRenderedFeatures(box, { layers: assetLayers })[0];
    if (f) onSelect(Number(f.id ?? f.properties.id));
  });
  for (const id of [...assetLayers, 'hubs']) {
    map.on('mouseenter', id, () => { map.getCanvas().style.cursor = 'pointer'; });
    map.on('mouseleave', id, () => { map.getCanvas().style.cursor = ''; });
  }

  // What the asset layers show now: touching a layer that did not change
  // would pause its tiles for a frame, and a tile reload asked for in that
  // frame (after an edit) would be lost.
  let shown = { mode: 'tiles', filter: 'null' };
  const api = {
    map,
    // show draws the assets matching the filter: by tile filter
    // expressions (partner, rating, holding) or, in list mode, from the
    // GeoJSON the API returned for the whole filter.
    showTiles(s) {
      const parts = ['all'];
      if (s.partner.length) parts.push(['in', ['get', 'partner'], ['literal', s.partner]]);
      if (s.rag.length) parts.push(['in', ['get', 'rag'], ['literal', s.rag]]);
      if (s.holding.length) parts.push(['in', ['get', 'holding'], ['literal', s.holding]]);
      const filter = parts.length > 1 ? parts : null;
      if (JSON.stringify(filter) !== shown.filter) map.setFilter('assets-tiles', filter);
      if (shown.mode !== 'tiles') {
        map.setLayoutProperty('assets-tiles', 'visibility', 'visible');
        map.setLayoutProperty('assets-list', 'visibility', 'none');
        map.getSource('list').setData(EMPTY);
      }
      shown = { mode: 'tiles', filter: JSON.stringify(filter) };
    },
    showList(fc) {
      map.getSource('list').setData(fc);
      if (shown.mode !== 'list') {
        map.setLayoutProperty('assets-list', 'visibility', 'visible');
        map.setLayoutProperty('assets-tiles', 'visibility', 'none');
      }
      shown = { ...shown, mode: 'list' };
    },
    // reloadTiles fetches the tiles again after an edit; the server
    // patches its tile index from the audit trail, so they are current.
    // (Setting the same tiles reloads every tile in view.)
    reloadTiles() {
      map.getSource('assets').setTiles(map.getSource('assets').tiles);
    },
    setSelected(feature) {
      map.getSource('selected').setData(feature ? { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: feature.geometry }] } : EMPTY);
    },
    setNearby(fc) {
      map.getSource('nearby').setData(fc || EMPTY);
    },
    setHubs(fc) {
      const hubs = [];
      const links = [];
      (fc ? fc.features : []).forEach((f, rank) => {
        hubs.push({ type: 'Feature', geometry: f.geometry, properties: { rank, id: f.id, name: f.properties.hub.name, saving: f.properties.annual_saving_gbp } });
        for (const m of f.properties.members) {
          links.push({ type: 'Feature', properties: { rank }, geometry: { type: 'LineString', coordinates: [f.geometry.coordinates, m.location] } });
        }
      });
      map.getSource('hubs').setData({ type: 'FeatureCollection', features: hubs });
      map.getSource('hubLinks').setData({ type: 'FeatureCollection', features: links });
    },
    // flyTo moves to an asset chosen in a list; animate is false on a
    // page's first view, which should be quick rather than pretty.
    flyTo(coords, zoom = 15, animate = true) {
      const to = { center: coords, zoom: Math.max(map.getZoom(), zoom) };
      if (animate) map.flyTo({ ...to, essential: true });
      else map.jumpTo(to);
    },
    fitBounds(b) {
      map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: 30, animate: false });
    },
  };
  return api;
}
