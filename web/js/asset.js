// The selected asset: its details, occupiers, rating with rationale,
// disposal programme and history, nearby assets of other partners, and,
// for its partner's editors, forms to change the rating and move the
// programme's stage (programme.js). Writes send If-Match with the
// version read; a 412 shows the newer version and lets the user retry.
import { request, get, ApiError } from './api.js';
import { h, $, replace } from './dom.js';
import { RAGS } from './state.js';
import { RAG_LABEL, RAG_SHORT, gbpExact, area, metres, when, words } from './format.js';
import { STAGE_LABEL, programmeSection } from './programme.js';

export function canEdit(actor, asset) {
  if (!actor) return false;
  return actor.role === 'admin' || (actor.role === 'editor' && actor.partner === asset.properties.partner);
}

function facts(rows) {
  return h('dl', { class: 'facts' }, rows.filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function address(p) {
  return [[p.street_number, p.street_name].filter(Boolean).join(' '), p.town, p.postcode].filter(Boolean).join(', ');
}

function ragBox(p) {
  return h('div', { class: `rag-now ${p.rag}`, id: 'rag-now', 'data-rag': p.rag },
    h('p', {}, h('strong', {}, RAG_LABEL[p.rag])),
    p.rag_rationale ? h('p', { id: 'rag-rationale' }, p.rag_rationale) : h('p', { class: 'note' }, 'No rationale recorded.'),
    p.rag_set_by ? h('p', { class: 'note' }, `Set by ${p.rag_set_by}, ${when(p.rag_set_at)}`) : null);
}

function describe(ev) {
  const by = `${when(ev.at)} by ${ev.actor}`;
  if (ev.action === 'rag') {
    const c = Object.fromEntries(ev.changes.map((x) => [x.field, x]));
    const r = c.rag ? `${RAG_SHORT[c.rag.before] || c.rag.before} \u2192 ${RAG_SHORT[c.rag.after] || c.rag.after}` : 'rationale changed';
    return [h('strong', {}, `Rating: ${r}`), c.rag_rationale && c.rag_rationale.after ? h('div', {}, `\u201c${c.rag_rationale.after}\u201d`) : null, h('div', { class: 'note' }, by)];
  }
  const stage = ev.changes.find((x) => x.field === 'disposal_stage');
  if (stage && ev.action === 'update') {
    const why = ev.changes.find((x) => x.field === 'disposal_note');
    return [h('strong', {}, `Stage: ${STAGE_LABEL[stage.before] || stage.before} \u2192 ${STAGE_LABEL[stage.after] || stage.after}`),
      why && why.after ? h('div', {}, `\u201c${why.after}\u201d`) : null, h('div', { class: 'note' }, `version ${ev.version}, ${by}`)];
  }
  const fields = ev.changes.map((x) => words(x.field));
  const what = ev.action === 'create' ? 'Created' : ev.action === 'import' ? 'Imported' : ev.action === 'delete' ? 'Deleted' : `Changed ${fields.slice(0, 6).join(', ')}${fields.length > 6 ? '\u2026' : ''}`;
  return [h('strong', {}, what), h('div', { class: 'note' }, `version ${ev.version}, ${by}`)];
}

export class AssetPanel {
  // ctx: {actor, partners (id -> name), map (mapview api), onSelect(id), onChanged(), onError(err)}
  constructor(ctx) {
    this.ctx = ctx;
    this.box = $('#asset-box');
    this.el = $('#asset');
    this.current = null; // {feature, etag}
    this.seq = 0;
  }

  partnerName(id) { return this.ctx.partners[id] || id; }

  async clear() {
    this.seq++;
    this.current = null;
    this.box.hidden = true;
    replace(this.el);
    await this.ctx.ready;
    this.ctx.map.setSelected(null);
    this.ctx.map.setNearby(null);
  }

  // show loads and draws asset id; fly moves the map to it (chosen from a
  // list rather than clicked on the map).
  async show(id, { fly = false, jump = false, focus = false } = {}) {
    const seq = ++this.seq;
    this.box.hidden = false;
    replace(this.el, h('p', { class: 'note' }, 'Loading the asset\u2026'));
    let res;
    try {
      res = await request(`api/v1/assets/${id}`);
    } catch (e) {
      if (seq !== this.seq) return;
      replace(this.el, h('p', { class: 'field-error' }, e.status === 404 ? 'This asset does not exist or is not visible to you.' : e.message));
      await this.ctx.ready;
      this.ctx.map.setSelected(null);
      return;
    }
    await this.ctx.ready;
    if (seq !== this.seq) return;
    this.current = { feature: res.data, etag: res.etag };
    this.ctx.map.setSelected(res.data);
    if (fly || jump) this.ctx.map.flyTo(res.data.geometry.coordinates, 15, !jump);
    this.render();
    if (focus) $('#asset-h').focus();
    this.loadExtras(id, seq);
  }

  // render draws the panel; note and programmeNote say what was just
  // saved, under the rating's form and the programme's.
  render(note, programmeNote) {
    const f = this.current.feature;
    const p = f.properties;
    const editing = canEdit(this.ctx.actor, f);
    replace(this.el,
      h('h3', { id: 'asset-name' }, p.name),
      h('p', { class: 'note' }, address(p)),
      facts([
        ['Partner', this.partnerName(p.partner)], ['Asset code', p.asset_code], ['UPRN', p.uprn],
        ['Holding', words(p.holding)], ['Use', p.use],
        ['Tenure', [p.tenure, words(p.tenure_detail)].filter(Boolean).join(', ')],
        ['Floor area', p.gia_m2 !== undefined ? area(p.gia_m2) : undefined],
        ['Land', p.land_area_ha !== undefined ? `${p.land_area_ha} ha` : undefined],
        ['Utilisation', p.utilisation_pct !== undefined ? `${p.utilisation_pct}%` : undefined],
        ['Condition', p.condition], ['Energy rating', p.energy_rating],
        ['Listed', p.listed && p.listed !== 'none' ? `Grade ${p.listed}` : undefined],
        ['Market value', p.market_value_gbp !== undefined ? gbpExact(p.market_value_gbp) : undefined],
        ['Running cost', p.running_cost_gbp_pa !== undefined ? `${gbpExact(p.running_cost_gbp_pa)} a year` : undefined],
        ['Rent paid', p.annual_rent_gbp !== undefined ? `${gbpExact(p.annual_rent_gbp)} a year` : undefined],
        ['Lease ends', p.lease_expiry], ['Lease break', p.lease_break],
        ['Tags', (p.tags || []).join(', ')], ['Data as at', p.effective_date],
      ]),
      p.notes ? h('p', { class: 'note' }, p.notes) : null,
      h('h3', {}, 'Occupiers'),
      p.occupiers && p.occupiers.length
        ? h('table', { class: 'plain', id: 'occupiers' }, h('thead', {}, h('tr', {}, h('th', {}, 'Partner'), h('th', { class: 'num' }, 'Area'))),
          h('tbody', {}, p.occupiers.map((o) => h('tr', { 'data-partner': o.partner }, h('td', {}, this.partnerName(o.partner)), h('td', { class: 'num' }, o.area_m2 !== undefined ? area(o.area_m2) : '–')))))
        : h('p', { class: 'note' }, 'No occupiers recorded.'),
      h('h3', {}, 'Rating'),
      ragBox(p),
      editing ? this.editForm(note) : h('p', { class: 'note' }, this.ctx.actor && this.ctx.actor.role !== 'viewer'
        ? `Only ${this.partnerName(p.partner)}\u2019s editors can change this rating.` : ''),
      programmeSection(this, editing, programmeNote),
      h('h3', {}, 'History'), h('div', { id: 'asset-history' }, h('p', { class: 'note' }, 'Loading\u2026')),
      h('h3', {}, 'Other partners nearby (400 m)'), h('div', { id: 'asset-nearby' }, h('p', { class: 'note' }, 'Loading\u2026')));
  }

  editForm(note, draft) {
    const p = this.current.feature.properties;
    const d = draft || { rating: p.rag, rationale: p.rag_rationale || '' };
    const form = h('form', { class: 'edit', id: 'rag-form', 'aria-label': 'Change the rating' },
      h('fieldset', { class: 'checks' }, h('legend', {}, 'Change the rating'),
        RAGS.map((r) => h('label', { class: 'check' }, h('input', { type: 'radio', name: 'rating', value: r, checked: r === d.rating, required: true }), ' ',
          h('span', { class: `swatch ${r}`, 'aria-hidden': 'true' }), RAG_SHORT[r]))),
      h('label', { class: 'field' }, 'Rationale (required unless unrated)',
        h('textarea', { name: 'rationale', maxlength: 4000 }, d.rationale)),
      h('p', { class: 'field-error', id: 'rag-error', role: 'alert' }),
      h('div', { id: 'rag-conflict' }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Save rating'),
        note ? h('span', { class: 'saved', role: 'status' }, note) : null));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.save({ rating: form.elements.rating.value, rationale: form.elements.rationale.value.trim() }, this.current.etag);
    });
    return form;
  }

  async save(draft, etag) {
    const id = this.current.feature.id;
    const form = $('#rag-form');
    const err = $('#rag-error');
    err.textContent = '';
    if (!draft.rating) { err.textContent = 'Choose a rating.'; return; }
    if (draft.rating !== 'unrated' && !draft.rationale) { err.textContent = 'Say why: a rationale is required for red, amber and green.'; return; }
    for (const b of form.querySelectorAll('button')) b.disabled = true;
    try {
      const res = await request(`api/v1/assets/${id}/rag`, { method: 'PUT', body: { rating: draft.rating, rationale: draft.rationale }, headers: { 'If-Match': etag } });
      this.current = { feature: res.data, etag: res.etag };
      this.render(`Saved: now ${RAG_SHORT[draft.rating].toLowerCase()}, version ${res.data.properties.version}.`);
      this.loadExtras(id, this.seq);
      this.ctx.onChanged();
    } catch (e) {
      for (const b of form.querySelectorAll('button')) b.disabled = false;
      if (e instanceof ApiError && e.status === 412) await this.conflict(draft, e);
      else if (e instanceof ApiError && e.problem.errors) err.textContent = e.problem.errors.map((x) => `${x.field}: ${x.message}`).join('; ');
      else err.textContent = e.message;
    }
  }

  // conflict shows what someone else saved since this page read the
  // asset, keeps the user's draft, and offers to save it over theirs
  // (with the new version) or to take theirs.
  async conflict(draft, e) {
    const id = this.current.feature.id;
    let theirs;
    try {
      theirs = await request(`api/v1/assets/${id}`);
    } catch (e2) {
      $('#rag-error').textContent = `Someone else changed this asset, and reading their version failed: ${e2.message}`;
      return;
    }
    this.current = { feature: theirs.data, etag: theirs.etag };
    const p = theirs.data.properties;
    this.render();
    // Redraw the form with the user's draft, above it the newer version.
    const form = $('#rag-form');
    form.replaceWith(this.editForm(null, draft));
    replace($('#rag-conflict'), h('div', { class: 'conflict', id: 'conflict' },
      h('h4', {}, `Someone else saved a newer version (version ${e.problem.version ?? p.version}) while you were editing.`),
      h('p', {}, `It is now ${RAG_SHORT[p.rag].toLowerCase()}`, p.rag_set_by ? `, set by ${p.rag_set_by} ${when(p.rag_set_at)}` : '', p.rag_rationale ? `: \u201c${p.rag_rationale}\u201d` : '.'),
      h('p', {}, 'Your rating is still in the form. Save it to replace theirs, or keep theirs.'),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'primary', id: 'conflict-retry', onclick: () => {
          const f = $('#rag-form');
          this.save({ rating: f.elements.rating.value, rationale: f.elements.rationale.value.trim() }, this.current.etag);
        } }, 'Save mine over it'),
        h('button', { type: 'button', class: 'secondary', id: 'conflict-keep', onclick: () => { this.render(); this.loadExtras(id, this.seq); } }, 'Keep theirs'))));
    this.loadExtras(id, this.seq);
    this.ctx.onChanged();
    $('#conflict-retry').focus();
  }

  async loadExtras(id, seq) {
    const [hist, near] = await Promise.allSettled([
      get(`api/v1/assets/${id}/history?limit=20`),
      get(`api/v1/assets/${id}/nearby?within=400`),
    ]);
    await this.ctx.ready;
    if (seq !== this.seq) return;
    const hbox = $('#asset-history');
    if (hbox) {
      replace(hbox, hist.status === 'fulfilled'
        ? h('ol', { class: 'history' }, hist.value.events.map((ev) => h('li', {}, describe(ev))))
        : h('p', { class: 'field-error' }, hist.reason.message));
    }
    const nbox = $('#asset-nearby');
    if (near.status === 'fulfilled') {
      this.ctx.map.setNearby(near.value);
      if (nbox) {
        replace(nbox, near.value.features.length
          ? h('ul', { class: 'matches' }, near.value.features.map((f) => h('li', {},
            h('button', { type: 'button', 'data-id': f.id, onclick: () => this.ctx.onSelect(f.id) },
              h('span', { class: `swatch ${f.properties.rag}`, 'aria-hidden': 'true' }),
              `${f.properties.name} `, h('span', { class: 'note' }, `${this.partnerName(f.properties.partner)}, ${metres(f.properties.distance_m)}`)))))
          : h('p', { class: 'note' }, 'None within 400 m.'));
      }
    } else if (nbox) {
      replace(nbox, h('p', { class: 'field-error' }, near.reason.message));
    }
  }
}

