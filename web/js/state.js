// The page's state lives in its URL query, so a link shows the same map
// to whoever opens it and the back button undoes a filter. The map's
// position is in the hash (MapLibre's own hash option).

export const RAGS = ['red', 'amber', 'green', 'unrated'];
export const HOLDINGS = ['building', 'land', 'land_and_building'];
export const TENURES = ['freehold', 'leasehold', 'licence', 'other'];

// The capital receipt assumptions the page lets people change; names are
// the API's query parameters.
export const SCENARIO_KEYS = ['p_green', 'p_amber', 'p_red', 'p_unrated', 'haircut_low', 'haircut_central',
  'haircut_high', 'fees', 'relocation_per_m2', 'lead_years_green', 'lead_years_amber', 'lead_years_red',
  'lead_years_unrated', 'discount_rate'];

const LISTS = ['partner', 'rag', 'holding', 'tenure', 'tag'];

// The co-location distance the API accepts, in metres (distanceParam in
// openapi.yaml): the slider and links both stop there.
export const MAX_DISTANCE = 5000;

export function emptyState() {
  return { partner: [], rag: [], holding: [], tenure: [], tag: [], q: '', asset: null, hubs: false,
    distance: 400, measure: 'count', scenario: {} };
}

function list(v) {
  return v ? v.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

export function parse(search) {
  const q = new URLSearchParams(search);
  const s = emptyState();
  for (const k of LISTS) s[k] = list(q.get(k));
  s.rag = s.rag.filter((r) => RAGS.includes(r));
  s.q = q.get('q') || '';
  const id = Number(q.get('asset'));
  s.asset = Number.isInteger(id) && id > 0 ? id : null;
  s.hubs = q.get('hubs') === '1';
  const d = Number(q.get('distance'));
  if (d > 0 && d <= MAX_DISTANCE) s.distance = d;
  if (q.get('measure') === 'value') s.measure = 'value';
  for (const k of SCENARIO_KEYS) {
    if (q.has(k) && q.get(k) !== '' && !Number.isNaN(Number(q.get(k)))) s.scenario[k] = Number(q.get(k));
  }
  return s;
}

export function serialize(s) {
  const q = new URLSearchParams();
  for (const k of LISTS) if (s[k].length) q.set(k, s[k].join(','));
  if (s.q) q.set('q', s.q);
  if (s.asset) q.set('asset', String(s.asset));
  if (s.hubs) q.set('hubs', '1');
  if (s.distance !== 400) q.set('distance', String(s.distance));
  if (s.measure !== 'count') q.set('measure', s.measure);
  for (const k of SCENARIO_KEYS) if (k in s.scenario) q.set(k, String(s.scenario[k]));
  const str = q.toString();
  return str ? `?${str}` : '';
}

// listMode is true when a filter the vector tiles cannot apply is set:
// tiles carry partner, rating and holding, not tenure, tags or text, so
// the map then draws the API's GeoJSON answer instead of tiles.
export function listMode(s) {
  return s.tenure.length > 0 || s.tag.length > 0 || s.q !== '';
}

// thinnedWrongly is true when drawing tiles with this filter would hide
// matching assets when zoomed out: a thinned tile keeps one asset of each
// rating per cell whatever its partner or holding, so filtering by
// partner or holding after thinning drops cells whose kept asset is
// another partner's. Filtering by rating is exact.
export function thinnedWrongly(s) {
  return s.partner.length > 0 || s.holding.length > 0;
}

// assetFilter is the filter as /api/v1/assets, OGC items and the analyses
// take it, so the trust panel and hubs follow every filter the map does.
export function assetFilter(s) {
  return { partner: s.partner, rag: s.rag, holding: s.holding, tenure: s.tenure, tag: s.tag, q: s.q };
}

// Store keeps the state and tells subscribers what changed. push adds a
// history entry (filters, selection); replace does not (typing, sliders).
export class Store {
  constructor(initial) {
    this.state = initial;
    this.subs = [];
  }
  subscribe(fn) { this.subs.push(fn); }
  set(patch, { history = 'push', from = 'ui' } = {}) {
    const prev = this.state;
    this.state = { ...prev, ...patch };
    if (history !== 'none') {
      const url = location.pathname + serialize(this.state) + location.hash;
      if (url !== location.pathname + location.search + location.hash) {
        if (history === 'push') window.history.pushState(null, '', url);
        else window.history.replaceState(null, '', url);
      }
    }
    for (const fn of this.subs) fn(this.state, prev, from);
  }
}
