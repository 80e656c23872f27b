/**
 * The console bench's second floor: a static page (no framework, no router, no config.json, no
 * sign-in library; the API's URL, the org and the token baked in) that makes the same calls as the
 * console's Members or Invitations page on a load (the context's three and the first page of the
 * list, all at once, rows shown when all have answered, as the console shows them only once it
 * knows the person is an admin), renders the same rows into a table named as the app's, and has the
 * app's "Show more" button and "Show" filter. What the app takes beyond this page is its own weight.
 */
export const floorHtml =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title><script type="module" src="/console-floor.js"></script></head><body><main><h1 id="h"></h1><p id="controls"></p><table><thead><tr><th>Name</th><th>Email</th><th>Role</th><th>Status</th><th>Date</th></tr></thead><tbody></tbody></table><p><button type="button" hidden>Show more</button></p></main></body></html>';

export function floorJs(opts: { apiUrl: string; orgId: string; token: string }) {
  return `const API = ${JSON.stringify(opts.apiUrl)};
const ORG = '/orgs/' + ${JSON.stringify(opts.orgId)};
const TOKEN = ${JSON.stringify(opts.token)};
const list = new URLSearchParams(location.search).get('list');
const members = list === 'members';
const get = async (path) => {
  const r = await fetch(API + path, { headers: { authorization: 'Bearer ' + TOKEN } });
  if (!r.ok) throw new Error(path + ': ' + r.status);
  return r.json();
};
let status = 'pending';
let cursor = null;
const listPath = (c) => (members ? ORG + '/members?limit=50' : ORG + '/invitations?status=' + status + '&limit=50') + (c ? '&cursor=' + encodeURIComponent(c) : '');
const table = document.querySelector('table');
const body = document.querySelector('tbody');
const more = document.querySelector('button');
table.setAttribute('aria-label', members ? 'Members' : 'Invitations');
const cell = (tag, text) => { const c = document.createElement(tag); c.textContent = text; return c; };
function show(page, append) {
  if (!append) body.textContent = '';
  for (const x of page.items) {
    const tr = document.createElement('tr');
    tr.append(cell('th', x.name || x.email), cell('td', x.email), cell('td', x.role), cell('td', x.status), cell('td', new Date(members ? x.joinedAt : x.createdAt).toLocaleDateString()));
    body.append(tr);
  }
  cursor = page.nextCursor;
  more.hidden = !cursor;
}
more.addEventListener('click', async () => show(await get(listPath(cursor)), true));
if (!members) {
  const label = cell('label', 'Show');
  label.htmlFor = 'status';
  const select = document.createElement('select');
  select.id = 'status';
  for (const s of ['pending', 'accepted', 'expired', 'revoked', 'declined']) select.append(new Option(s, s));
  select.addEventListener('change', async () => { status = select.value; body.textContent = ''; show(await get(listPath()), false); });
  document.getElementById('controls').append(label, select);
}
const [, org, , first] = await Promise.all([get('/me/organizations'), get(ORG), get(ORG + '/teams?limit=200'), get(listPath())]);
document.getElementById('h').textContent = (members ? 'Members' : 'Invitations') + ' · ' + org.org.name;
show(first, false);
`;
}
