// Number formats for people in the UK: £ with thousands separators, large
// sums in millions.

const int = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

export function count(n) {
  return n === undefined || n === null ? '–' : int.format(n);
}

export function gbp(n) {
  if (n === undefined || n === null) return '–';
  const a = Math.abs(n);
  if (a >= 1e9) return `£${(n / 1e9).toFixed(2)}bn`;
  if (a >= 1e6) return `£${(n / 1e6).toFixed(1)}m`;
  if (a >= 1e4) return `£${int.format(Math.round(n / 1e3))}k`;
  return `£${int.format(n)}`;
}

export function gbpExact(n) {
  return n === undefined || n === null ? '–' : `£${int.format(n)}`;
}

export function area(m2) {
  return m2 === undefined || m2 === null ? '–' : `${int.format(m2)} m²`;
}

export function metres(m) {
  return `${int.format(m)} m`;
}

export function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
}

export function words(slug) {
  return slug ? String(slug).replaceAll('_', ' ') : '';
}

// RAG labels say what the rating means in the register, not just a colour.
export const RAG_LABEL = {
  red: 'Red: disposal unlikely',
  amber: 'Amber: disposal possible',
  green: 'Green: disposal or sharing opportunity',
  unrated: 'Unrated: not yet assessed',
};

export const RAG_SHORT = { red: 'Red', amber: 'Amber', green: 'Green', unrated: 'Unrated' };
