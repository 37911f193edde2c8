// Signing in: a token pasted into a dialog, checked against the server,
// kept in this tab's session storage (gone when the tab closes) and sent
// as a bearer token on every API and tile request.
import { getToken, setToken } from './api.js';
import { h, $, replace } from './dom.js';

// check asks the server who a token belongs to; a bad token is a 401.
async function check(token) {
  const res = await fetch('config.json', { headers: { Authorization: `Bearer ${token}` } });
  if (res.status === 401) return 'That token was not accepted: check it was copied whole, or ask for a new one.';
  if (!res.ok) return `The server answered ${res.status}; try again.`;
  return '';
}

export function openSignIn(message = '') {
  const dlg = $('#signin');
  $('#signin-error').textContent = message;
  if (!dlg.open) dlg.showModal();
  dlg.querySelector('input[name=token]').focus();
}

export function initSignIn({ publicRead }) {
  const dlg = $('#signin');
  const form = $('#signin-form');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const token = form.elements.token.value.trim();
    if (!token) return;
    const btn = form.querySelector('button[type=submit]');
    btn.disabled = true;
    try {
      const problem = await check(token);
      if (problem) { $('#signin-error').textContent = problem; return; }
      setToken(token);
      // A fresh start is the simplest way to refetch everything, tiles
      // included, as the new reader.
      location.reload();
    } catch {
      $('#signin-error').textContent = 'The server did not answer; check it is running and try again.';
    } finally {
      btn.disabled = false;
    }
  });
  $('#signin-cancel').addEventListener('click', () => dlg.close());
  dlg.addEventListener('close', () => {
    if (!publicRead && !getToken()) {
      replace($('#legend'), h('li', {}, h('button', { type: 'button', class: 'primary', onclick: () => openSignIn() }, 'Sign in to see the register')));
    }
  });
}

// renderWho shows who is signed in, with the way out (or in).
export function renderWho(actor, partners) {
  const el = $('#who');
  if (actor) {
    const as = actor.role === 'admin' ? 'admin' : `${actor.role}, ${partners[actor.partner] || actor.partner}`;
    replace(el, h('span', { id: 'who-name', title: as }, `${actor.name} (${as})`),
      h('button', { type: 'button', onclick: () => { setToken(''); location.reload(); } }, 'Sign out'));
  } else {
    replace(el, h('span', {}, 'Public view'), h('button', { type: 'button', onclick: () => openSignIn() }, 'Sign in'));
  }
}

// signInNote is what a panel shows the public when its figures need a
// token.
export function signInNote(why) {
  return h('p', { class: 'note' }, `${why} `, h('button', { type: 'button', class: 'link', onclick: () => openSignIn() }, 'Sign in'));
}
