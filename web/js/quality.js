// Data quality: how complete each partner's list is, and the places two
// partners may both hold, from /api/v1/quality with the page's filters.
// It loads only while open: over a national register the view takes a
// good part of a second, and most visits never look at it.
import { get, query, ApiError } from './api.js';
import { h, $, replace } from './dom.js';
import { assetFilter } from './state.js';
import { count, metres } from './format.js';
import { signInNote } from './auth.js';

// The shares shown, as the API names them, with short headings that fit
// the panel and the longer words for screen readers.
export const QUALITY_COLUMNS = [
  ['uprn', 'UPRN', 'with a UPRN'],
  ['gia', 'Area', 'buildings with a floor area'],
  ['market_value', 'Value', 'with a market value'],
  ['rated', 'Rated', 'rated red, amber or green'],
  ['rationale', 'Reason', 'rated with a reason'],
  ['stale_ratings', 'Stale', 'ratings past their age'],
];

// How many places held twice are listed; the rest are counted.
const LISTED = 10;

// pct writes a share as the API gives it (a fraction) as a whole
// percentage; a share of nothing has no figure.
export function pct(share) {
  return share === undefined || share === null ? '–' : `${Math.round(share * 100)}%`;
}

const EVIDENCE = {
  same_uprn: (g) => `Same UPRN ${g.uprn}`,
  nearby_similar_name: (g) => `${metres(Math.round(g.assets[1].distance_m))} apart, names ${Math.round(g.name_similarity * 100)}% alike`,
};
const SUGGESTION = { shared_site: 'Shared site?', double_count: 'Counted twice?' };

export class Quality {
  // ctx: {store, partners, track(promise) for the page's busy state, onSelect(id)}
  constructor(ctx) {
    this.ctx = ctx;
    this.el = $('#quality');
    this.box = $('#quality-more');
    this.ctrl = null;
    this.query = null;
    this.box.addEventListener('toggle', () => {
      if (this.box.open) this.ctx.track(this.load(this.ctx.store.state));
    });
  }

  name(id) { return this.ctx.partners[id] || id; }

  // load fetches the view for the state's filters when the panel is open;
  // force asks again after an edit, which can change any figure.
  async load(s, force = false) {
    if (force) this.query = null; // so it is asked again once opened
    if (!this.box.open) return;
    // Only the places listed are asked for; all are counted regardless.
    const q = query({ ...assetFilter(s), limit: LISTED });
    if (q === this.query && !force) return;
    if (this.ctrl) this.ctrl.abort();
    const ctrl = this.ctrl = new AbortController();
    this.query = q;
    replace(this.el, h('p', { class: 'note' }, 'Checking the lists\u2026'));
    try {
      this.render(await get(`api/v1/quality${q}`, { signal: ctrl.signal }));
    } catch (e) {
      if (e.name === 'AbortError') return;
      this.query = null;
      replace(this.el, e instanceof ApiError && e.status === 401 ? signInNote('The data quality view needs a token on this register.')
        : h('p', { class: 'field-error', role: 'alert' }, `Data quality: ${e.message}`));
    }
  }

  render(r) {
    const rows = [...r.partners.map((p) => ({ id: p.partner, name: this.name(p.partner), row: p })),
      { id: 'all', name: 'All partners', row: r.total }];
    const staleBefore = new Date(r.stale_before).toLocaleDateString('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
    replace(this.el,
      h('div', { class: 'scroll-x' }, h('table', { class: 'plain figures tight', id: 'quality-table' },
        h('caption', {}, 'Share of each partner\u2019s assets with each item'),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col', class: 'num' }, 'Assets'),
          QUALITY_COLUMNS.map(([, short, long]) => h('th', { scope: 'col', class: 'num', title: long }, short,
            h('span', { class: 'sr' }, ` (${long})`))),
          h('th', { scope: 'col', class: 'num', title: 'possibly held twice' }, 'Twice',
            h('span', { class: 'sr' }, ' (possibly held twice)')))),
        rows.map((g) => h('tbody', { 'data-partner': g.id, class: g.id === 'all' ? 'total' : null },
          h('tr', {}, h('th', { scope: 'rowgroup', colspan: QUALITY_COLUMNS.length + 2 }, g.name)),
          h('tr', {},
            h('td', { class: 'num', 'data-col': 'assets' }, count(g.row.assets)),
            QUALITY_COLUMNS.map(([k]) => h('td', { class: 'num', 'data-col': k }, pct(g.row.shares[k]))),
            h('td', { class: 'num', 'data-col': 'held_twice' }, count(g.row.held_twice))))))),
      h('p', { class: 'note' }, `Area is of buildings and Stale of rated assets (rated before ${staleBefore}, or undated); the rest are of all assets.`),
      this.duplicates(r));
  }

  duplicates(r) {
    const d = r.duplicates;
    const shown = d.groups.slice(0, LISTED);
    return h('div', { id: 'quality-dups' },
      h('h3', {}, 'Possibly held twice'),
      h('p', { id: 'quality-dups-summary' }, h('strong', {}, `${count(d.count)} ${d.count === 1 ? 'place' : 'places'}`),
        d.count ? `: ${count(d.same_uprn)} by UPRN, ${count(d.nearby_similar_name)} by place and name (within ${metres(r.params.within)})` : ''),
      shown.length ? h('ol', { class: 'hub-list', id: 'quality-dups-list' }, shown.map((g) => h('li', { 'data-evidence': g.evidence },
        h('div', {}, h('strong', {}, SUGGESTION[g.suggestion] || g.suggestion), ' ', EVIDENCE[g.evidence] ? EVIDENCE[g.evidence](g) : g.evidence),
        h('ul', { class: 'plain-list' }, g.assets.map((a) => h('li', {},
          h('button', { type: 'button', 'data-id': a.id, onclick: () => this.ctx.onSelect(a.id) }, a.name),
          ` (${this.name(a.partner)})`)))))) : null,
      d.count > shown.length ? h('p', { class: 'note' }, `The first ${shown.length} of ${count(d.count)} are listed here; placetrust quality --limit lists more.`) : null,
      d.count ? h('p', { class: 'note' }, 'For the partners to settle: one building in two lists, or partners sharing a site, each with its own interest.') : null);
  }
}
