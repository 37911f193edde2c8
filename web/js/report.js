// The link to the board report (/report), with the map's filters and
// assumptions. The report, like the API, needs the reader's token, which
// the page keeps in session storage and sends as a bearer header: a
// browser following a plain link sends none. So a click opens a window at
// once (one opened after a fetch would be taken for a popup and blocked),
// fetches the report with the token and shows it there from a Blob URL.
// The href stays the same report's address, for a register open to the
// public, for copying, and for a browser without scripts.
import { authHeaders, query } from './api.js';
import { assetFilter } from './state.js';

// reportQuery is the report's query for state s: what the trust view and
// the hubs use.
export function reportQuery(s) {
  return query({ distance: s.distance, ...assetFilter(s), ...s.scenario });
}

let lastURL = null;

async function show(win, href) {
  try {
    const res = await fetch(href, { headers: { Accept: 'text/html', ...authHeaders() } });
    const body = await res.text();
    if (!res.ok) {
      let detail = body;
      try { detail = JSON.parse(body).detail || detail; } catch { /* not a problem document */ }
      throw new Error(detail || `HTTP ${res.status}`);
    }
    if (lastURL) URL.revokeObjectURL(lastURL);
    lastURL = URL.createObjectURL(new Blob([body], { type: 'text/html' }));
    win.location.replace(lastURL);
  } catch (e) {
    win.document.title = 'Board report';
    win.document.body.textContent = `The board report could not be made: ${e.message}`;
  }
}

// initReportLink keeps the link's address with the state and opens the
// report signed in.
export function initReportLink(store) {
  const a = document.getElementById('report-link');
  if (!a) return;
  const sync = (s) => { a.href = `report${reportQuery(s)}`; };
  sync(store.state);
  store.subscribe(sync);
  a.addEventListener('click', (e) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return; // the browser's own new tab or window
    e.preventDefault();
    const win = window.open('', '_blank');
    if (!win) {
      window.location.assign(a.href); // popups refused: the same report here
      return;
    }
    win.document.title = 'Board report';
    win.document.body.textContent = 'Making the board report\u2026';
    show(win, a.href);
  });
}
