// Co-location: hub opportunities from /api/v1/analyses/colocation, drawn
// as hubs with lines to their members and listed with partners, saving
// and receipt. The distance control re-runs the analysis.
import { get, query } from './api.js';
import { h, $, replace, debounce } from './dom.js';
import { assetFilter, MAX_DISTANCE } from './state.js';
import { gbp, count, area, metres } from './format.js';
import { signInNote } from './auth.js';

export class Hubs {
  // ctx: {store, map, partners, onSelect(id), onError(err)}
  constructor(ctx) {
    this.ctx = ctx;
    this.el = $('#hubs');
    this.fc = null;
    this.ctrl = null;
    const on = $('#hubs-on');
    const dist = $('#hubs-distance');
    const out = $('#hubs-distance-out');
    dist.max = String(MAX_DISTANCE);
    on.addEventListener('change', () => ctx.store.set({ hubs: on.checked }));
    const apply = debounce(() => ctx.store.set({ distance: Number(dist.value) }, { history: 'replace' }), 300);
    dist.addEventListener('input', () => { out.textContent = metres(Number(dist.value)); apply(); });
  }

  sync(s) {
    $('#hubs-on').checked = s.hubs;
    $('#hubs-distance').value = String(s.distance);
    $('#hubs-distance-out').textContent = metres(s.distance);
  }

  // load runs the analysis for the state, only while hubs are shown: over
  // a national register it is the heaviest request the page can make.
  // force reloads after an edit, which can change the answer.
  async load(s, force = false) {
    this.sync(s);
    await this.ctx.ready;
    const q = query({ distance: s.distance, ...assetFilter(s), ...s.scenario });
    if (force) this.query = null;
    if (!s.hubs) {
      this.ctx.map.setHubs(null);
      if (q !== this.query || !this.fc) {
        if (this.ctrl) this.ctrl.abort();
        this.fc = null;
        this.query = null;
        replace(this.el, h('p', { class: 'note' }, 'Tick the box to find where partners could share buildings, for the filters above.'));
      }
      return;
    }
    if (q === this.query && this.fc) {
      this.ctx.map.setHubs(this.fc);
      return;
    }
    if (this.ctrl) this.ctrl.abort();
    const ctrl = this.ctrl = new AbortController();
    this.query = q;
    this.fc = null;
    replace(this.el, h('p', { class: 'note' }, 'Finding hubs\u2026'));
    try {
      this.fc = await get(`api/v1/analyses/colocation${q}`, { signal: ctrl.signal });
    } catch (e) {
      if (e.name === 'AbortError') return;
      this.query = null;
      replace(this.el, e.status === 401 ? signInNote('Co-location shows savings, so it needs a token.')
        : h('p', { class: 'field-error' }, `Co-location: ${e.message}`));
      this.ctx.map.setHubs(null);
      return;
    }
    this.ctx.map.setHubs(this.fc);
    this.render();
  }

  name(id) { return this.ctx.partners[id] || id; }

  render() {
    const sum = this.fc.summary;
    const top = this.fc.features.slice(0, 25);
    replace(this.el,
      h('p', { id: 'hubs-summary' }, h('strong', {}, `${count(sum.count)} opportunities`),
        sum.annual_saving_gbp !== undefined ? `, saving ${gbp(sum.annual_saving_gbp)} a year, central receipts ${gbp(sum.central_receipt_gbp)}` : ''),
      h('p', { class: 'note' }, `Buildings of other partners rated green or amber within ${metres(sum.params.distance)} that fit a hub's spare space, at least ${sum.params.min_partners} partners each.`),
      top.length ? h('ol', { class: 'hub-list' }, top.map((f, i) => this.item(f, i))) : null,
      this.fc.features.length > top.length ? h('p', { class: 'note' }, `The 25 largest savings of ${count(this.fc.features.length)} are listed; all are on the map.`) : null);
  }

  item(f, rank) {
    const p = f.properties;
    return h('li', { 'data-rank': rank },
      h('button', { type: 'button', onclick: () => this.focus(rank) }, p.hub.name),
      h('div', { class: 'note' }, `${this.name(p.hub.partner)} hub with ${p.members.length} moving in`),
      h('div', { class: 'hub-partners' }, `Partners: ${p.partners.map((x) => this.name(x)).join(', ')}`),
      h('div', { class: 'hub-money' }, p.annual_saving_gbp !== undefined ? `Saves ${gbp(p.annual_saving_gbp)} a year; receipt ${gbp(p.central_receipt_gbp)} (central)` : '',
        ` \u00b7 uses ${area(Math.round(p.space_used_m2))} of ${area(Math.round(p.space_offered_m2))}`));
  }

  // popup is what a click on a hub shows: one opportunity in full.
  popupContent(rank) {
    const f = this.fc && this.fc.features[rank];
    if (!f) return null;
    const p = f.properties;
    return h('div', { class: 'hub-popup' },
      h('strong', {}, p.hub.name), h('div', { class: 'note' }, `${this.name(p.hub.partner)}: hub`),
      h('ul', {}, p.members.map((m) => h('li', {}, `${m.name} (${this.name(m.partner)}), ${metres(m.distance_m)}`))),
      p.annual_saving_gbp !== undefined ? h('div', {}, `Saves ${gbp(p.annual_saving_gbp)} a year; central receipt ${gbp(p.central_receipt_gbp)}`) : null);
  }

  focus(rank) {
    this.ctx.onSelect(this.fc.features[rank].id);
  }
}
