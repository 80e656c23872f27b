import { afterEach } from 'vitest';
import { direct } from './direct.ts';
import { type Res, type User, useStack } from './stack.ts';

/**
 * A local stack for the join link tests (test/integration/join-links.test.ts, join-link-approval.test.ts),
 * with a roomy plan and a tiny one, its clock reset after each test, and the requests those tests make.
 */
export function useJoinLinkStack() {
  const api = useStack({
    plans: {
      default: 'open',
      plans: {
        open: { pendingInvitations: null, members: null, directAdd: false },
        tiny: { pendingInvitations: 10, members: 3, directAdd: false },
      },
    },
  });
  const db = direct(api);

  afterEach(async () => {
    await api.setClock(0);
  });

  const unique = () => Math.random().toString(36).slice(2, 8);
  const tokenOf = (url: string) => new URL(url).searchParams.get('token') as string;

  async function orgWithAdmin(body: Record<string, unknown> = {}) {
    const admin = await api.user('Ada');
    const org = await api.createOrg(admin, body);
    return { admin, orgId: org.orgId as string };
  }

  async function createLink(admin: User, orgId: string, body: Record<string, unknown>) {
    const r = await api.as(admin).post(`/orgs/${orgId}/join-links`, body);
    if (r.status !== 201) throw new Error(`create join link: ${r.status} ${JSON.stringify(r.body)}`);
    return { link: r.body.joinLink, url: r.body.url as string, token: tokenOf(r.body.url) };
  }

  const accept = (who: User, token: string) => api.as(who).post('/join-links/accept', { token });
  const preview = (token: string) => api.request('GET', `/join-links/preview?token=${encodeURIComponent(token)}`);
  const links = async (admin: User, orgId: string) => (await api.as(admin).get(`/orgs/${orgId}/join-links`)).body.items;
  const memberIds = async (admin: User, orgId: string) =>
    ((await api.as(admin).get(`/orgs/${orgId}/members?limit=200`)).body.items as { userId: string }[]).map((m) => m.userId);
  const auditTypes = async (admin: User, orgId: string, type: string) =>
    ((await api.as(admin).get(`/orgs/${orgId}/audit?type=${type}`)).body.items as { type: string }[]).map((e) => e.type);
  const problem = (r: Res<{ code?: string | undefined }>) => [r.status, r.body?.code];
  return { api, db, unique, tokenOf, orgWithAdmin, createLink, accept, preview, links, memberIds, auditTypes, problem };
}
