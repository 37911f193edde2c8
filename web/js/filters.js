// The filter form: it writes the store (and so the URL) and is redrawn
// from the store, so the back button also moves the checkboxes.
import { h, $, debounce } from './dom.js';
import { RAGS, HOLDINGS, TENURES, emptyState } from './state.js';
import { RAG_SHORT, words } from './format.js';

function checks(fieldset, name, items) {
  for (const it of items) {
    fieldset.append(h('label', { class: 'check' },
      h('input', { type: 'checkbox', name, value: it.value }), ' ', it.swatch ? h('span', { class: `swatch ${it.value}`, 'aria-hidden': 'true' }) : null, it.label));
  }
}

function values(form, name) {
  return [...form.querySelectorAll(`input[name=${name}]:checked`)].map((i) => i.value);
}

function splitTags(s) {
  return s.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
}

export function initFilters(store, partners) {
  const form = $('#filters');
  checks($('#f-rag'), 'rag', RAGS.map((r) => ({ value: r, label: RAG_SHORT[r], swatch: true })));
  checks($('#f-partner'), 'partner', [...partners].sort((a, b) => a.name.localeCompare(b.name)).map((p) => ({ value: p.id, label: p.name })));
  checks($('#f-holding'), 'holding', HOLDINGS.map((v) => ({ value: v, label: words(v) })));
  checks($('#f-tenure'), 'tenure', TENURES.map((v) => ({ value: v, label: v })));

  // typing is true while a search is being typed: its first pause adds a
  // history entry, later pauses update that entry, so the back button
  // undoes a whole search rather than one key at a time.
  let typing = false;
  form.addEventListener('change', (e) => {
    const t = e.target;
    if (t.type === 'checkbox') store.set({ [t.name]: values(form, t.name) });
    else if (t.name === 'q') { store.set({ q: t.value.trim() }, { history: typing ? 'replace' : 'push' }); typing = false; }
    else if (t.name === 'tag') store.set({ tag: splitTags(t.value) });
  });
  const typed = debounce((t) => {
    store.set({ q: t.value.trim() }, { history: typing ? 'replace' : 'push' });
    typing = true;
  }, 450);
  form.addEventListener('input', (e) => { if (e.target.name === 'q') typed(e.target); });
  form.addEventListener('submit', (e) => e.preventDefault());
  $('#f-clear').addEventListener('click', () => {
    const z = emptyState();
    store.set({ partner: z.partner, rag: z.rag, holding: z.holding, tenure: z.tenure, tag: z.tag, q: z.q });
  });

  const sync = (s) => {
    for (const name of ['rag', 'partner', 'holding', 'tenure']) {
      for (const i of form.querySelectorAll(`input[name=${name}]`)) i.checked = s[name].includes(i.value);
    }
    const q = form.elements.q;
    if (document.activeElement !== q) q.value = s.q;
    form.elements.tag.value = s.tag.join(', ');
    const hidden = s.partner.length + s.holding.length + s.tenure.length + s.tag.length;
    $('#f-more-count').textContent = hidden ? `(${hidden} set)` : '';
    if (hidden) $('#f-more').open = true;
  };
  store.subscribe(sync);
  sync(store.state);
}
