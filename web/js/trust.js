// The property trust view: totals by partner x rating as stacked bars
// (count or market value), capital receipts low/central/high as a range,
// and the assumptions behind them, which people can change here. Figures
// come from /api/v1/trust and /api/v1/analyses/receipts, which echo the
// assumptions they used.
import { get, query, ApiError } from './api.js';
import { h, $, replace } from './dom.js';
import { RAGS, SCENARIO_KEYS, assetFilter } from './state.js';
import { RAG_SHORT, gbp, count, area } from './format.js';
import { signInNote } from './auth.js';

const LABELS = {
  p_green: 'Chance a green asset sells', p_amber: 'Chance, amber', p_red: 'Chance, red', p_unrated: 'Chance, unrated',
  haircut_low: 'Value lost, low case', haircut_central: 'Value lost, central', haircut_high: 'Value lost, high case',
  fees: 'Sale fees (share)', relocation_per_m2: 'Moving out, £ per m²', discount_rate: 'Discount rate a year',
  lead_years_green: 'Years to sell, green', lead_years_amber: 'Years, amber', lead_years_red: 'Years, red', lead_years_unrated: 'Years, unrated',
};

// fieldList names the refused assumptions, as the form labels them.
function fieldList(fields) {
  if (!fields || !fields.length) return '';
  return `: ${fields.map((f) => `${LABELS[f.field] || f.field} (${f.field}) ${f.message}`).join('; ')}`;
}

export class Trust {
  // ctx: {store, partners}
  constructor(ctx) {
    this.ctx = ctx;
    this.el = $('#trust');
    this.ctrl = null;
  }

  async load(s) {
    if (this.ctrl) this.ctrl.abort();
    const ctrl = this.ctrl = new AbortController();
    const q = query({ ...assetFilter(s), ...s.scenario });
    replace(this.el, h('p', { class: 'note' }, 'Adding up the trust\u2026'));
    try {
      const [trust, receipts] = await Promise.all([
        get(`api/v1/trust${q}`, { signal: ctrl.signal }),
        get(`api/v1/analyses/receipts${q}${q ? '&' : '?'}group_by=rag`, { signal: ctrl.signal }),
      ]);
      this.last = { trust, receipts };
      this.render(s, trust, receipts);
    } catch (e) {
      if (e.name === 'AbortError') return;
      if (e instanceof ApiError && e.status === 401) {
        replace(this.el, signInNote('The property trust view shows money figures, so it needs a token.'));
        return;
      }
      // A bad assumption comes back as a 400 naming the parameter. The
      // last figures worked out stay beside the message, and the form
      // keeps what was typed so the bad value can be seen and fixed.
      const fields = e instanceof ApiError && e.status === 400 ? e.problem.errors || [] : null;
      if (this.last) {
        this.render(s, this.last.trust, this.last.receipts, { message: e.message, fields });
        return;
      }
      replace(this.el, h('p', { class: 'field-error', id: 'trust-error', role: 'alert' }, `Trust view: ${e.message.replace(/\.$/, '')}${fieldList(fields)}.`),
        fields ? this.assumptions(s, s.scenario, fields) : null);
    }
  }

  name(id) { return this.ctx.partners[id] || id; }

  // render draws trust t and receipts r; failed, after a refused change,
  // says what went wrong above the last good figures.
  render(s, t, r, failed) {
    const money = t.total.market_value_gbp !== undefined;
    const params = failed && failed.fields ? { ...t.params, ...s.scenario } : t.params;
    replace(this.el,
      failed ? h('p', { class: 'field-error', id: 'trust-error', role: 'alert' },
        `Trust view: ${failed.message.replace(/\.$/, '')}${fieldList(failed.fields)}. The figures below are the last ones worked out, before this change.`) : null,
      h('div', { class: 'totals', id: 'trust-totals' },
        h('div', {}, 'Assets', h('b', {}, count(t.total.assets))),
        h('div', {}, 'Floor area', h('b', {}, area(t.total.gia_m2))),
        money ? h('div', {}, 'Market value', h('b', {}, gbp(t.total.market_value_gbp))) : null,
        money ? h('div', {}, 'Running cost a year', h('b', {}, gbp(t.total.running_cost_gbp_pa))) : null,
        t.colocation ? h('div', {}, 'Hub opportunities', h('b', {}, count(t.colocation.count))) : null,
        t.colocation && t.colocation.annual_saving_gbp !== undefined ? h('div', {}, 'Hubs would save a year', h('b', {}, gbp(t.colocation.annual_saving_gbp))) : null),
      t.colocation && t.colocation.stale ? h('p', { class: 'note', id: 'trust-stale' }, 'Hub figures are from the register before its latest changes; they are being worked out again.') : null,
      this.bars(s, t, money),
      money ? this.receipts(r) : h('p', { class: 'note' }, 'Money figures need a token with access to them.'),
      this.assumptions(s, params, failed && failed.fields ? failed.fields : []));
  }

  bars(s, t, money) {
    const by = s.measure === 'value' && money ? 'market_value_gbp' : 'assets';
    const fmt = by === 'assets' ? count : gbp;
    const cells = {};
    for (const c of t.cells) (cells[c.partner] ||= {})[c.rag] = c;
    const value = (p, r) => (cells[p] && cells[p][r] && cells[p][r][by]) || 0;
    const rows = [...t.partners].sort((a, b) => b[by] - a[by]);
    const max = Math.max(1, ...rows.map((p) => p[by]));
    const toggle = h('div', { class: 'seg', role: 'radiogroup', 'aria-label': 'Bar length' },
      [['count', 'Count'], ['value', 'Market value']].map(([v, label]) => h('label', {},
        h('input', { type: 'radio', name: 'measure', value: v, checked: (by === 'assets') === (v === 'count'), disabled: v === 'value' && !money,
          onchange: () => this.ctx.store.set({ measure: v }, { history: 'replace' }) }), label)));
    return h('div', {},
      h('h3', {}, 'By partner and rating'), toggle,
      // The bars are for the eye; the table under them gives the same
      // figures as text, for the keyboard, screen readers and phones.
      h('ul', { class: 'bars', id: 'trust-bars', 'aria-hidden': 'true' }, rows.map((p) => {
        const parts = RAGS.map((r) => ({ r, v: value(p.partner, r) }));
        return h('li', { 'data-partner': p.partner },
          h('div', { class: 'bar-head' }, h('span', {}, this.name(p.partner)), h('span', { class: 'num' }, fmt(p[by]))),
          h('div', { class: 'stack', style: { width: `${Math.max(0.5, (100 * p[by]) / max)}%` } },
            parts.filter((x) => x.v).map((x) => h('span', { class: x.r, style: { width: `${(100 * x.v) / p[by]}%` } }))));
      })),
      // One group of rows per partner, its name above its figures, so
      // five columns of numbers fit a phone and the side panel.
      h('table', { class: 'plain figures', id: 'trust-table', 'data-measure': by },
        h('caption', {}, by === 'assets' ? 'Number of assets by partner and rating' : 'Market value by partner and rating'),
        h('thead', {}, h('tr', {},
          RAGS.map((r) => h('th', { scope: 'col', class: 'num' }, h('span', { class: `swatch ${r}`, 'aria-hidden': 'true' }), RAG_SHORT[r])),
          h('th', { scope: 'col', class: 'num' }, 'All'))),
        [...rows.map((p) => ({ id: p.partner, name: this.name(p.partner), v: (r) => value(p.partner, r), all: p[by] })),
          { id: 'all', name: 'All partners', v: (r) => rows.reduce((n, p) => n + value(p.partner, r), 0), all: by === 'assets' ? t.total.assets : t.total.market_value_gbp }]
          .map((g) => h('tbody', { 'data-partner': g.id, class: g.id === 'all' ? 'total' : null },
            h('tr', {}, h('th', { scope: 'rowgroup', colspan: RAGS.length + 1 }, g.name)),
            h('tr', {}, RAGS.map((r) => h('td', { class: 'num', 'data-rag': r }, fmt(g.v(r)))),
              h('td', { class: 'num', 'data-rag': 'all' }, fmt(g.all)))))));
  }

  receipts(r) {
    const t = r.total;
    const top = Math.max(1, t.high_gbp) * 1.05;
    const pct = (v) => `${(100 * v) / top}%`;
    return h('div', { id: 'receipts' },
      h('h3', {}, 'Capital receipts if disposals go ahead'),
      h('div', { class: 'range', role: 'img', 'aria-label': `Low ${gbp(t.low_gbp)}, central ${gbp(t.central_gbp)}, high ${gbp(t.high_gbp)}` },
        h('div', { class: 'band', style: { left: pct(t.low_gbp), width: `calc(${pct(t.high_gbp - t.low_gbp)} + 2px)` } }),
        h('div', { class: 'mid', style: { left: pct(t.central_gbp) } })),
      h('div', { class: 'range-labels' },
        h('span', {}, 'Low ', h('strong', { 'data-receipt': 'low' }, gbp(t.low_gbp))),
        h('span', {}, 'Central ', h('strong', { 'data-receipt': 'central' }, gbp(t.central_gbp))),
        h('span', {}, 'High ', h('strong', { 'data-receipt': 'high' }, gbp(t.high_gbp)))),
      h('p', { class: 'note' }, `${count(t.freehold)} freehold assets with a value; ${count(t.leased_in)} leased-in assets would save ${gbp(t.rent_saved_gbp_pa)} a year in rent. Expected values: each receipt is weighted by the chance of the sale; assets sold, transferred or withdrawn expect nothing.`));
  }

  assumptions(s, params, errors) {
    const errs = Object.fromEntries(errors.map((e) => [e.field, e.message]));
    const form = h('form', { id: 'assumptions', 'aria-label': 'Assumptions' },
      h('div', { class: 'assumptions' }, SCENARIO_KEYS.map((k) => h('label', { class: 'field' }, LABELS[k],
        h('input', { type: 'number', name: k, step: 'any', value: params[k] ?? '', 'aria-invalid': errs[k] ? 'true' : null }),
        errs[k] ? h('span', { class: 'field-error' }, errs[k]) : null))),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary' }, 'Recalculate'),
        h('button', { type: 'button', class: 'secondary', onclick: () => this.ctx.store.set({ scenario: {} }) }, 'Back to defaults')));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const scenario = { ...s.scenario };
      for (const k of SCENARIO_KEYS) {
        const v = form.elements[k].value;
        if (v === '') delete scenario[k];
        else if (Number(v) !== params[k] || k in scenario) scenario[k] = Number(v);
      }
      this.ctx.store.set({ scenario });
    });
    const changed = Object.keys(s.scenario).length;
    return h('details', { class: 'more', open: errors.length > 0 || changed > 0 },
      h('summary', {}, `Assumptions${changed ? ` (${changed} changed)` : ''}`),
      h('p', { class: 'note' }, 'Shares and chances are fractions from 0 to 1. Co-location uses the same assumptions.'),
      form);
  }
}
