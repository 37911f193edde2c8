// API client: every figure on the page comes through here, so the page and
// the API cannot disagree. It adds the bearer token, turns RFC 9457
// problem+json answers into ApiError, and counts requests in flight for
// the loading indicator.

const TOKEN_KEY = 'placetrust.token';

export function getToken() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

export function setToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

// ApiError carries the problem document so forms can show field errors
// and the 412 handler can read the current version.
export class ApiError extends Error {
  constructor(status, problem, response) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.response = response;
  }
}

// Listeners for requests in flight (loading indicator) and for 401s (the
// sign-in box).
const busyListeners = new Set();
const unauthorizedListeners = new Set();
let inFlight = 0;

export function onBusy(fn) { busyListeners.add(fn); }
export function onUnauthorized(fn) { unauthorizedListeners.add(fn); }
export function busy() { return inFlight; }

function setBusy(delta) {
  inFlight += delta;
  for (const fn of busyListeners) fn(inFlight);
}

// authHeaders is also used by the map for tile requests.
export function authHeaders() {
  const t = getToken();
  return t ? { Authorization: `Bearer ${t}` } : {};
}

// request sends one API call. Aborted requests (a newer one replaced them)
// reject with the AbortError, which callers ignore.
export async function request(path, { method = 'GET', body, headers = {}, signal } = {}) {
  const init = { method, headers: { Accept: 'application/json, application/geo+json', ...authHeaders(), ...headers }, signal };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  setBusy(1);
  try {
    const res = await fetch(path, init);
    const text = await res.text();
    let data = null;
    if (text) {
      try { data = JSON.parse(text); } catch { data = { detail: text.slice(0, 200) }; }
    }
    if (!res.ok) {
      const err = new ApiError(res.status, data || { title: res.statusText }, res);
      if (res.status === 401) for (const fn of unauthorizedListeners) fn(err);
      throw err;
    }
    return { data, etag: res.headers.get('ETag'), status: res.status };
  } catch (e) {
    if (e instanceof ApiError || e.name === 'AbortError') throw e;
    // fetch itself failed: the server is down or the network is gone.
    throw new ApiError(0, { title: 'No answer from the server', detail: 'The server did not answer. Check that placetrust is running, then try again.' });
  } finally {
    setBusy(-1);
  }
}

export async function get(path, opts) {
  return (await request(path, opts)).data;
}

// query builds a query string from an object, leaving out empty values
// and joining lists with commas as the API expects.
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) q.set(k, v.join(','));
    } else {
      q.set(k, String(v));
    }
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
