// Counts per rating for the current filter, always from the API: OGC
// API - Features numberMatched (which filters by partner, rating, holding,
// tenure and tag) or, with a text search, the API's own list of matches.
// The legend never counts drawn points, which are sampled at low zooms.
import { get, query } from './api.js';
import { h, $, replace } from './dom.js';
import { RAGS, listMode, thinnedWrongly, assetFilter } from './state.js';
import { RAG_LABEL, count } from './format.js';

// countsFor returns {red, amber, green, unrated, total, exact, pending};
// with pending, some counts (and the total) are undefined: the server
// had not finished them.
export async function countsFor(s, list, signal) {
  const rags = s.rag.length ? s.rag : RAGS;
  const out = { red: 0, amber: 0, green: 0, unrated: 0, exact: true };
  if (list) {
    for (const f of list.features) out[f.properties.rag] += 1;
    out.exact = list.complete;
  } else {
    const f = assetFilter(s);
    await Promise.all(rags.map(async (rag) => {
      const path = `ogc/collections/assets/items${query({ partner: f.partner, holding: f.holding, tenure: f.tenure, tag: f.tag, rag, limit: 1 })}`;
      out[rag] = await numberMatched(path, signal);
    }));
  }
  // A count the server has not finished is unknown (shown as –), and so
  // is any total it is part of.
  out.pending = RAGS.some((r) => out[r] === undefined);
  out.total = out.pending ? undefined : RAGS.reduce((n, r) => n + out[r], 0);
  return out;
}

// numberMatched asks for a count until the server gives it. A server
// leaves numberMatched out when counting takes longer than its budget
// (a national register) and finishes the count in the background, so
// asking again shortly has it; after a few tries the count stays unknown.
const RETRY_MS = [300, 1000, 2500];
async function numberMatched(path, signal) {
  for (let i = 0; ; i++) {
    const fc = await get(path, { signal });
    if (typeof fc.numberMatched === 'number') return fc.numberMatched;
    if (i >= RETRY_MS.length) return undefined;
    await sleep(RETRY_MS[i], signal);
  }
}

function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(t); reject(new DOMException('Aborted', 'AbortError')); }, { once: true });
  });
}

export function renderLegend(s, c, fromList) {
  const rags = s.rag.length ? s.rag : RAGS;
  const prefix = c.exact ? '' : 'at least ';
  replace($('#legend'),
    rags.map((r) => h('li', { 'data-rag': r },
      h('span', {}, h('span', { class: `swatch ${r}`, 'aria-hidden': 'true' }), RAG_LABEL[r]),
      h('span', { class: 'n', 'data-count': r }, prefix + count(c[r])))),
    h('li', { class: 'total' }, h('span', {}, 'All matching assets'), h('span', { class: 'n', 'data-count': 'total' }, prefix + count(c.total))));
  $('#legend-note').textContent = c.pending
    ? 'The server is still counting some ratings (shown as \u2013); change a filter, or reload the page, to ask again.'
    : fromList
    ? 'Counts cover the whole register; every matching asset is on the map.'
    : thinnedWrongly(s)
      ? 'Counts cover the whole register. Zoomed out, the map draws one asset of each rating per few pixels, so some matches hide behind other partners\u2019 assets: zoom in to street level to see every one.'
      : 'Counts cover the whole register. Zoomed out, the map draws one asset of each rating per few pixels; zoom in to street level to see every one.';
}

// renderLegendFailed shows no counts rather than the last filter's when
// the counts could not be had: the error banner says why.
export function renderLegendFailed(s) {
  renderLegend(s, { exact: true }, false);
  $('#legend-note').textContent = 'The counts for these filters could not be loaded; the message at the top says why.';
}

// renderMatches lists a text search's matches as buttons, so an asset can
// be chosen by keyboard as well as on the map.
export function renderMatches(s, list, onPick) {
  const box = $('#matches');
  if (!list || !listMode(s)) { replace(box); return; }
  const shown = list.features.slice(0, 100);
  replace(box,
    h('h3', {}, `Matching assets${list.features.length > shown.length ? ` (first ${shown.length})` : ''}`),
    shown.length ? h('ul', { class: 'matches' }, shown.map((f) => h('li', {},
      h('button', { type: 'button', onclick: () => onPick(f.id) },
        h('span', { class: `swatch ${f.properties.rag}`, 'aria-hidden': 'true' }),
        `${f.properties.name} `, h('span', { class: 'note' }, f.properties.town || ''))))) : h('p', { class: 'note' }, 'Nothing matches.'),
    list.complete ? null : h('p', { class: 'note' }, `The map shows the first ${count(list.features.length)} matches; narrow the search to see the rest.`));
}
