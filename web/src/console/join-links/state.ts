import { signal } from '@preact/signals';
import { ApiError, api, call, type Schemas } from '../../api/client.ts';
import { messageFor } from '../../api/errors.ts';
import { c } from '../../strings-console.ts';
import { pageActions } from '../page-actions.tsx';

export type JoinLink = Schemas['JoinLink'];
export type JoinRequest = Schemas['JoinRequest'];

export const links = signal<JoinLink[]>([]);
export const requests = signal<JoinRequest[]>([]);
/** The API's cursors for the next page of each list (null: nothing more). */
export const linksCursor = signal<string | null>(null);
export const requestsCursor = signal<string | null>(null);
export const listState = signal<'loading' | 'ready' | 'failed'>('loading');
/** Which list is fetching its next page. */
export const moreBusy = signal<'links' | 'requests' | null>(null);
// a 400 names what is wrong, e.g. a domain the organization does not admit
const actions = pageActions(loadJoinLinks, (e) => [messageFor(e), ...(e instanceof ApiError ? e.fieldErrors.map((f) => f.message) : [])].join(' '));
export const { notice, busy } = actions;
const { act } = actions;
/** The URL of the link just created: the API answers it once, so the page shows it until the next action. */
export const createdUrl = signal<string | null>(null);

const PAGE = 50;
// a page that arrives after the org was left or the lists reloaded is dropped
let generation = 0;

const linkPage = (orgId: string, cursor?: string) =>
  call(api.GET('/orgs/{orgId}/join-links', { params: { path: { orgId }, query: { limit: PAGE, ...(cursor ? { cursor } : {}) } } }));
const requestPage = (orgId: string, cursor?: string) =>
  call(api.GET('/orgs/{orgId}/join-requests', { params: { path: { orgId }, query: { limit: PAGE, ...(cursor ? { cursor } : {}) } } }));

/** The first page of the org's links and of its pending requests. */
export async function loadJoinLinks(orgId: string) {
  const mine = ++generation;
  listState.value = 'loading';
  moreBusy.value = null;
  try {
    const [l, r] = await Promise.all([linkPage(orgId), requestPage(orgId)]);
    if (mine !== generation) return;
    links.value = l.items;
    linksCursor.value = l.nextCursor;
    requests.value = r.items;
    requestsCursor.value = r.nextCursor;
    listState.value = 'ready';
  } catch (e) {
    if (mine !== generation) return;
    notice.value = { kind: 'problem', text: messageFor(e) };
    listState.value = 'failed';
  }
}

/** On opening the page (or another org's): no link shown, no notice, the lists asked at once. */
export function openJoinLinks(orgId: string) {
  createdUrl.value = null;
  notice.value = null;
  void loadJoinLinks(orgId);
}

/** The next page of one list, after the rows already shown. */
export async function loadMore(orgId: string, which: 'links' | 'requests') {
  const cursor = (which === 'links' ? linksCursor : requestsCursor).peek();
  if (!cursor || moreBusy.peek()) return;
  const mine = generation;
  moreBusy.value = which;
  try {
    if (which === 'links') {
      const page = await linkPage(orgId, cursor);
      if (mine !== generation) return;
      links.value = [...links.peek(), ...page.items];
      linksCursor.value = page.nextCursor;
    } else {
      const page = await requestPage(orgId, cursor);
      if (mine !== generation) return;
      requests.value = [...requests.peek(), ...page.items];
      requestsCursor.value = page.nextCursor;
    }
  } catch (e) {
    if (mine === generation) notice.value = { kind: 'problem', text: messageFor(e) };
  } finally {
    if (mine === generation) moreBusy.value = null;
  }
}

/** Domains typed one after another (commas, spaces, semicolons or lines between them), without an `@`. */
export const parseDomains = (text: string) => [
  ...new Set(
    text
      .split(/[\s,;]+/)
      .map((d) => d.trim().replace(/^@/, '').toLowerCase())
      .filter(Boolean),
  ),
];

export interface NewLink {
  role: 'member' | 'viewer';
  maxUses?: number;
  days: number;
  requireApproval: boolean;
  allowedDomains: string[];
}

export const createLink = (orgId: string, n: NewLink, now = Date.now()) =>
  act(orgId, async () => {
    createdUrl.value = null;
    const body = {
      role: n.role,
      expiresAt: new Date(now + n.days * 86_400_000).toISOString(),
      requireApproval: n.requireApproval,
      ...(n.maxUses !== undefined ? { maxUses: n.maxUses } : {}),
      ...(n.allowedDomains.length ? { allowedDomains: n.allowedDomains } : {}),
    };
    const { url } = await call(api.POST('/orgs/{orgId}/join-links', { params: { path: { orgId } }, body }));
    createdUrl.value = url;
    return c.joinLinks.created;
  });

export const revokeLink = (orgId: string, link: JoinLink) =>
  act(
    orgId,
    async () => {
      createdUrl.value = null;
      await call(api.DELETE('/orgs/{orgId}/join-links/{linkId}', { params: { path: { orgId, linkId: link.linkId } } }));
      return c.joinLinks.revoked;
    },
    () => {
      links.value = links.peek().map((l) => (l.linkId === link.linkId ? { ...l, status: 'revoked' as const } : l));
    },
  );

export const decide = (orgId: string, r: JoinRequest, to: 'approve' | 'deny') =>
  act(
    orgId,
    async () => {
      const path = { orgId, requestId: r.requestId };
      if (to === 'approve') await call(api.POST('/orgs/{orgId}/join-requests/{requestId}/approve', { params: { path } }));
      else await call(api.POST('/orgs/{orgId}/join-requests/{requestId}/deny', { params: { path } }));
      return to === 'approve' ? c.joinLinks.approved(r.name || r.email) : c.joinLinks.denied(r.name || r.email);
    },
    () => {
      // decided: it is no longer pending, the only status this list shows
      requests.value = requests.peek().filter((x) => x.requestId !== r.requestId);
    },
  );
