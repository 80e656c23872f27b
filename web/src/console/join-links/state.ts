import { signal } from '@preact/signals';
import { api, call, type Schemas } from '../../api/client.ts';
import { messageFor } from '../../api/errors.ts';
import { c } from '../../strings-console.ts';

export type JoinLink = Schemas['JoinLink'];
export type JoinRequest = Schemas['JoinRequest'];

export const links = signal<JoinLink[]>([]);
export const requests = signal<JoinRequest[]>([]);
export const listState = signal<'loading' | 'ready' | 'failed'>('loading');
export const notice = signal<{ kind: 'ok' | 'problem'; text: string } | null>(null);
export const busy = signal(false);
/** The URL of the link just created: the API answers it once, so the page shows it until the next action. */
export const createdUrl = signal<string | null>(null);

/** The org's links and its pending requests (the first 200 of each). */
export async function loadJoinLinks(orgId: string) {
  listState.value = 'loading';
  try {
    const [l, r] = await Promise.all([
      call(api.GET('/orgs/{orgId}/join-links', { params: { path: { orgId }, query: { limit: 200 } } })),
      call(api.GET('/orgs/{orgId}/join-requests', { params: { path: { orgId }, query: { limit: 200 } } })),
    ]);
    links.value = l.items;
    requests.value = r.items;
    listState.value = 'ready';
  } catch (e) {
    notice.value = { kind: 'problem', text: messageFor(e) };
    listState.value = 'failed';
  }
}

async function act(orgId: string, work: () => Promise<string>): Promise<boolean> {
  if (busy.peek()) return false;
  busy.value = true;
  notice.value = null;
  try {
    notice.value = { kind: 'ok', text: await work() };
    await loadJoinLinks(orgId);
    return true;
  } catch (e) {
    notice.value = { kind: 'problem', text: messageFor(e) };
    return false;
  } finally {
    busy.value = false;
  }
}

export interface NewLink {
  role: 'member' | 'viewer';
  maxUses?: number;
  days: number;
  requireApproval: boolean;
}

export const createLink = (orgId: string, n: NewLink, now = Date.now()) =>
  act(orgId, async () => {
    createdUrl.value = null;
    const body = {
      role: n.role,
      expiresAt: new Date(now + n.days * 86_400_000).toISOString(),
      requireApproval: n.requireApproval,
      ...(n.maxUses !== undefined ? { maxUses: n.maxUses } : {}),
    };
    const { url } = await call(api.POST('/orgs/{orgId}/join-links', { params: { path: { orgId } }, body }));
    createdUrl.value = url;
    return c.joinLinks.created;
  });

export const revokeLink = (orgId: string, link: JoinLink) =>
  act(orgId, async () => {
    createdUrl.value = null;
    await call(api.DELETE('/orgs/{orgId}/join-links/{linkId}', { params: { path: { orgId, linkId: link.linkId } } }));
    return c.joinLinks.revoked;
  });

export const decide = (orgId: string, r: JoinRequest, to: 'approve' | 'deny') =>
  act(orgId, async () => {
    const path = { orgId, requestId: r.requestId };
    if (to === 'approve') await call(api.POST('/orgs/{orgId}/join-requests/{requestId}/approve', { params: { path } }));
    else await call(api.POST('/orgs/{orgId}/join-requests/{requestId}/deny', { params: { path } }));
    return to === 'approve' ? c.joinLinks.approved(r.name || r.email) : c.joinLinks.denied(r.name || r.email);
  });
