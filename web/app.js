// placetrust's map page: wires the API, the URL state, the map and the
// side panel together. Modules in js/ each own one part of the page.
import { get, query, busy, onBusy, onUnauthorized, getToken, setToken, ApiError } from './js/api.js';
import { h, $ } from './js/dom.js';
import { Store, parse, listMode, thinnedWrongly, assetFilter } from './js/state.js';
import { initFilters } from './js/filters.js';
import { countsFor, renderLegend, renderLegendFailed, renderMatches } from './js/legend.js';
import { AssetPanel } from './js/asset.js';
import { Hubs } from './js/hubs.js';
import { Trust } from './js/trust.js';
import { Quality } from './js/quality.js';
import { initSignIn, openSignIn, renderWho } from './js/auth.js';
import { initReportLink } from './js/report.js';

// The most assets drawn from GeoJSON when a filter the tiles cannot apply
// is set (two API pages); the legend then says "at least".
const LIST_CAP = 20000;
// A partner or holding filter with at most this many matches is drawn
// from GeoJSON too, so that zoomed out no match hides behind another
// partner's asset in a thinned tile; with more, tiles draw it.
const EXACT_CAP = 5000;

const timings = {};
window.placetrust = { timings };

// Errors are shown once each, until dismissed.
function showError(msg) {
  const box = $('#errors');
  if ([...box.children].some((c) => c.dataset.msg === msg)) return;
  const row = h('div', { class: 'err', 'data-msg': msg }, h('span', {}, msg),
    h('button', { type: 'button', class: 'link', onclick: () => row.remove() }, 'Dismiss'));
  box.append(row);
}

// The loading indicator appears only for requests slower than a blink.
let loadingTimer;
function setLoading(on) {
  clearTimeout(loadingTimer);
  if (on) loadingTimer = setTimeout(() => { $('#loading').textContent = 'Loading\u2026'; }, 250);
  else $('#loading').textContent = '';
}

async function fetchList(s, cap, signal) {
  const features = [];
  let url = `api/v1/assets${query({ ...assetFilter(s), limit: Math.min(cap, 10000) })}`;
  while (url && features.length < cap) {
    const page = await get(url, { signal });
    features.push(...page.features);
    const next = (page.links || []).find((l) => l.rel === 'next');
    url = next ? next.href : null;
  }
  return { type: 'FeatureCollection', features, complete: !url };
}

async function main() {
  // The map library is the biggest download: fetch it, and start its
  // workers, while the settings and the partners load.
  const mapModule = import('./js/mapview.js').then((m) => { m.prewarm(); return m; });
  let config;
  try {
    config = await get('config.json');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setToken('');
      initSignIn({ publicRead: false });
      openSignIn('Your token is no longer accepted; sign in again.');
    } else {
      showError(e.message);
    }
    return;
  }
  timings.config = performance.now();
  initSignIn({ publicRead: config.public_read });
  // A 401 means sign in, except for the public on an open register, whom
  // the analyses ask for a token: the panels say so instead.
  onUnauthorized(() => {
    if (getToken()) openSignIn('Your token is no longer accepted; sign in again.');
    else if (!config.public_read) openSignIn();
  });
  const hadView = location.hash.includes('map=');
  if (!config.actor && !config.public_read) {
    renderWho(null, {});
    openSignIn();
    return;
  }
  const [partnerList, tilejson, outlines, { createMap, Popup }] = await Promise.all([
    get('api/v1/partners').then((r) => r.partners),
    // The tiles' TileJSON, fetched once here rather than again by the map:
    // its bounds are where the map starts, unless the link says where.
    get('tiles/assets.json'),
    config.basemap_url ? null : fetch('data/outlines.geojson').then((r) => r.json()).catch(() => null),
    mapModule,
  ]);
  const partners = Object.fromEntries(partnerList.map((p) => [p.id, p.name]));
  renderWho(config.actor, partners);
  // Tag suggestions are the register's own tags, most used first; the
  // built-in ones stay if the list cannot be had.
  get('api/v1/tags').then(({ tags }) => {
    const list = document.getElementById('tag-list');
    if (tags.length) list.replaceChildren(...tags.map((t) => new Option(`${t.tag} (${t.assets})`, t.tag)));
  }).catch(() => {});

  const store = new Store(parse(location.search));
  let assetPanel;
  let hubs;
  const view = createMap({
    container: 'map',
    config,
    tilejson,
    bounds: hadView ? null : tilejson.bounds,
    outlines,
    onSelect: (id) => store.set({ asset: id }, { from: 'map' }),
    onHub: (rank) => {
      const content = hubs.popupContent(rank);
      const f = hubs.fc.features[rank];
      if (content) new Popup({ maxWidth: '300px' }).setLngLat(f.geometry.coordinates).setDOMContent(content).addTo(view.map);
    },
  });
  const map = view.map;
  // The style is ready long before the first tiles are drawn ('load'):
  // API requests start now, and only their drawing waits for the style.
  const styleReady = new Promise((resolve) => (map.isStyleLoaded() ? resolve() : map.once('style.load', resolve)));
  map.once('load', () => { timings.mapLoad = performance.now(); });
  window.placetrust.map = map;
  window.placetrust.store = store;

  // "Idle" for people and tests: no request in flight and the map drawn.
  let pending = 0;
  const markBusy = () => { document.body.dataset.state = 'busy'; setLoading(true); };
  const settle = () => {
    if (pending > 0 || busy() > 0) return;
    map.triggerRepaint();
    map.once('idle', () => {
      if (pending > 0 || busy() > 0 || !map.areTilesLoaded()) return;
      setLoading(false);
      document.body.dataset.state = 'idle';
      if (!timings.firstIdle) timings.firstIdle = performance.now();
    });
  };
  onBusy((n) => { if (n > 0) markBusy(); else settle(); });
  map.on('dataloading', markBusy);
  map.on('idle', settle);
  // The map's own first idle: tiles in view drawn, panels maybe not yet.
  map.once('idle', () => { timings.mapIdle = performance.now(); });
  const track = async (p) => {
    pending++;
    markBusy();
    try { await p; } finally { pending--; settle(); }
  };

  let lastMapError = 0;
  map.on('error', (e) => {
    const status = e.error && e.error.status;
    if (Date.now() - lastMapError < 3000) return;
    lastMapError = Date.now();
    if (status === 401) openSignIn('Your token is no longer accepted; sign in again.');
    else if (status === 429) showError('The server asked us to slow down; some of the map may be missing. Pan again in a moment.');
    else showError(`The map could not load some of its data${status ? ` (HTTP ${status})` : ''}. ${e.error && e.error.message ? e.error.message : ''}`);
  });

  assetPanel = new AssetPanel({
    actor: config.actor, partners, map: view, ready: styleReady,
    onSelect: (id) => store.set({ asset: id }),
    onChanged: () => refreshAfterEdit(),
  });
  hubs = new Hubs({ store, map: view, ready: styleReady, partners, onSelect: (id) => store.set({ asset: id }) });
  const trust = new Trust({ store, partners });
  const quality = new Quality({ store, partners, track, onSelect: (id) => store.set({ asset: id }) });
  initFilters(store, partnerList);
  initReportLink(store);

  let listCtrl;
  async function refreshAssets(s) {
    if (listCtrl) listCtrl.abort();
    const ctrl = listCtrl = new AbortController();
    try {
      let list = null;
      let c = null;
      if (!listMode(s)) {
        // Filter the tiles at once; the counts may then ask for a list.
        await styleReady;
        if (ctrl.signal.aborted) return;
        view.showTiles(s);
        c = await countsFor(s, null, ctrl.signal);
      }
      if (listMode(s) || (thinnedWrongly(s) && c.total <= EXACT_CAP)) {
        list = await fetchList(s, listMode(s) ? LIST_CAP : EXACT_CAP, ctrl.signal);
        await styleReady;
        if (ctrl.signal.aborted) return;
        view.showList(list);
        if (!c) c = await countsFor(s, list, ctrl.signal);
      }
      if (ctrl.signal.aborted) return;
      renderLegend(s, c, !!list);
      renderMatches(s, list, (id) => store.set({ asset: id }));
      window.placetrust.counts = c;
    } catch (e) {
      if (e.name === 'AbortError') return;
      showError(`Assets: ${e.message}`);
      renderLegendFailed(s);
      window.placetrust.counts = null;
    }
  }

  function refreshAfterEdit() {
    const s = store.state;
    if (!listMode(s)) view.reloadTiles();
    track(Promise.all([refreshAssets(s), trust.load(s), hubs.load(s, true), quality.load(s, true)]));
  }

  const filterKeys = ['partner', 'rag', 'holding', 'tenure', 'tag', 'q'];
  store.subscribe((s, prev, from) => {
    const filters = filterKeys.some((k) => String(s[k]) !== String(prev[k]));
    const scenario = JSON.stringify(s.scenario) !== JSON.stringify(prev.scenario);
    const jobs = [];
    if (filters) jobs.push(refreshAssets(s), quality.load(s));
    if (filters || scenario || s.measure !== prev.measure) jobs.push(trust.load(s));
    if (filters || scenario || s.distance !== prev.distance || s.hubs !== prev.hubs) jobs.push(hubs.load(s));
    if (s.asset !== prev.asset) {
      // An asset clicked on the map is in view already; one chosen from a
      // list, or by the back button, may not be.
      if (s.asset) jobs.push(assetPanel.show(s.asset, { fly: from !== 'map', focus: true }));
      else assetPanel.clear();
    }
    if (jobs.length) track(Promise.all(jobs));
  });
  window.addEventListener('popstate', () => store.set(parse(location.search), { history: 'none', from: 'history' }));

  const s = store.state;
  // The trust view waits for the map's first drawing: on a server that
  // has just started, both load the register into memory, and the map
  // matters first (a national register's tiles take 5 s alone, 13 s
  // while the analyses load beside them).
  const firstDraw = new Promise((resolve) => map.once('idle', resolve));
  const jobs = [refreshAssets(s), firstDraw.then(() => trust.load(store.state)), hubs.load(s)];
  if (s.asset) jobs.push(assetPanel.show(s.asset, { jump: !hadView }));
  await track(Promise.all(jobs));
  timings.data = performance.now();
}

main().catch((e) => showError(e.message || String(e)));
