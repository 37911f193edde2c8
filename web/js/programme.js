// The asset's place in its partner's disposal programme (issue 18): the
// stage, when it last moved, the target date and, once sold or
// transferred, what it raised. The partner's editors move it with a select
// of the moves the programme allows, a note saying why, and the receipt
// when selling; the server holds the same rules (estate/disposal.go) and
// refuses any other move. The PATCH sends If-Match like every write.
import { request, ApiError } from './api.js';
import { h, $ } from './dom.js';
import { gbpExact, when } from './format.js';

export const STAGE_LABEL = {
  none: 'Not in the programme', under_review: 'Under review', declared_surplus: 'Declared surplus',
  marketed: 'Marketed', under_offer: 'Under offer', sold: 'Sold', transferred: 'Transferred',
  withdrawn: 'Withdrawn',
};

// STAGE_MOVES mirrors estate's disposalMoves: what each stage may become.
export const STAGE_MOVES = {
  none: ['under_review', 'declared_surplus'],
  under_review: ['declared_surplus', 'none', 'withdrawn'],
  declared_surplus: ['marketed', 'transferred', 'withdrawn'],
  marketed: ['under_offer', 'withdrawn', 'declared_surplus'],
  under_offer: ['sold', 'marketed', 'withdrawn'],
  withdrawn: ['under_review', 'none'],
  sold: [], transferred: [],
};

const completes = (stage) => stage === 'sold' || stage === 'transferred';

// programmeBox shows where the asset stands.
export function programmeBox(p) {
  const stage = p.disposal_stage || 'none';
  return h('div', { class: 'programme-now', id: 'programme-now', 'data-stage': stage },
    h('p', {}, h('strong', { id: 'programme-stage-label' }, STAGE_LABEL[stage] || stage),
      p.disposal_stage_at ? h('span', { class: 'note' }, ` since ${when(p.disposal_stage_at)}`) : null),
    p.disposal_target ? h('p', { id: 'programme-target' }, `Target completion ${p.disposal_target}`) : null,
    p.receipt_date ? h('p', { id: 'programme-receipt-now' },
      p.receipt_gbp !== undefined ? `Raised ${gbpExact(p.receipt_gbp)} on ${p.receipt_date}` : `Completed on ${p.receipt_date}`) : null,
    p.surplus_value_gbp !== undefined ? h('p', { class: 'note' }, `Valued at ${gbpExact(p.surplus_value_gbp)} when declared surplus`) : null,
    p.disposal_note ? h('p', { class: 'note', id: 'programme-note-now' }, `\u201c${p.disposal_note}\u201d`) : null);
}

// programmeForm lets the partner's editors move the stage; panel is the
// AssetPanel, whose current feature and ETag it writes.
export function programmeForm(panel, note) {
  const p = panel.current.feature.properties;
  const stage = p.disposal_stage || 'none';
  const moves = STAGE_MOVES[stage] || [];
  if (!moves.length) return h('p', { class: 'note', id: 'programme-final' }, `${STAGE_LABEL[stage]} is final: the programme ends here.`);
  const receipt = h('fieldset', { class: 'receipt', id: 'programme-receipt', hidden: true }, h('legend', {}, 'Receipt'),
    h('label', { class: 'field' }, 'Receipt (whole pounds)', h('input', { type: 'number', name: 'receipt_gbp', min: 0, step: 1 })),
    h('label', { class: 'field' }, 'Date received', h('input', { type: 'date', name: 'receipt_date' })));
  const select = h('select', { name: 'stage', id: 'programme-stage', required: true,
    onchange: () => { receipt.hidden = !completes(select.value); } },
  h('option', { value: '' }, 'Choose the next stage\u2026'),
  moves.map((s) => h('option', { value: s }, STAGE_LABEL[s])));
  const form = h('form', { class: 'edit', id: 'programme-form', 'aria-label': 'Move the disposal stage' },
    h('label', { class: 'field' }, 'Move to', select),
    h('label', { class: 'field' }, 'Target completion', h('input', { type: 'date', name: 'target', value: p.disposal_target || '' })),
    receipt,
    h('label', { class: 'field' }, 'Why (kept in the history)', h('textarea', { name: 'note', maxlength: 4000 })),
    h('p', { class: 'field-error', id: 'programme-error', role: 'alert' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Move'),
      note ? h('span', { class: 'saved', role: 'status', id: 'programme-saved' }, note) : null));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    saveProgramme(panel, form);
  });
  return form;
}

async function saveProgramme(panel, form) {
  const err = $('#programme-error');
  err.textContent = '';
  const el = form.elements;
  const stage = el.stage.value;
  if (!stage) { err.textContent = 'Choose the next stage.'; return; }
  const props = { disposal_stage: stage, disposal_target: el.target.value || null, disposal_note: el.note.value.trim() || null };
  if (completes(stage)) {
    if (el.receipt_gbp.value !== '') props.receipt_gbp = Number(el.receipt_gbp.value);
    props.receipt_date = el.receipt_date.value || null;
  }
  const id = panel.current.feature.id;
  for (const b of form.querySelectorAll('button')) b.disabled = true;
  try {
    const res = await request(`api/v1/assets/${id}`, { method: 'PATCH', body: { properties: props }, headers: { 'If-Match': panel.current.etag } });
    panel.current = { feature: res.data, etag: res.etag };
    panel.render(undefined, `Moved to ${STAGE_LABEL[stage].toLowerCase()}, version ${res.data.properties.version}.`);
    panel.loadExtras(id, panel.seq);
    panel.ctx.onChanged();
  } catch (e) {
    for (const b of form.querySelectorAll('button')) b.disabled = false;
    if (e instanceof ApiError && e.status === 412) {
      err.textContent = 'Someone else changed this asset while you were editing: reload it and move the stage again.';
    } else if (e instanceof ApiError && e.problem.errors) {
      err.textContent = e.problem.errors.map((x) => `${x.field}: ${x.message}`).join('; ');
    } else {
      err.textContent = e.message;
    }
  }
}

// programmeSection is the panel's programme heading, box and, for its
// partner's editors, the form.
export function programmeSection(panel, editing, note) {
  const p = panel.current.feature.properties;
  return [h('h3', {}, 'Disposal programme'), programmeBox(p), editing ? programmeForm(panel, note) : null];
}
