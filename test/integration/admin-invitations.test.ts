import { describe, expect, it } from 'vitest';
import { everyPage } from '../helpers/paging.ts';
import type { Problem } from '../helpers/responses.ts';
import { useStack } from '../helpers/stack.ts';

const api = useStack();

async function orgWithInvite() {
  const admin = await api.user('Admin');
  const org = await api.createOrg(admin);
  const invitee = await api.user('Invitee');
  const r = await api.invite(admin, org.orgId, { emails: invitee.email });
  const invitationId = r.body.results[0]!.invitationId as string;
  await api.emailsTo(invitee.email); // the first email is out before the test acts
  return { admin, org, invitee, invitationId, path: `/orgs/${org.orgId}/invitations/${invitationId}` as const };
}

describe('resending an invitation', () => {
  it('sends a new link, the old link stops working, and the expiry is not extended', async () => {
    const { admin, invitee, path, org } = await orgWithInvite();
    const oldToken = await api.linkTokenFor(invitee.email);
    const before = (await api.as(admin).get(path)).body.invitation;
    await api.setClock(61);
    try {
      const r = await api.as(admin).post(`${path}/resend`);
      expect(r.status).toBe(200);
      expect(r.body.invitation).toMatchObject({ sendsRequested: 2, expiresAt: before.expiresAt, status: 'pending' });
      const mails = await api.emailsTo(invitee.email);
      expect(mails).toHaveLength(2);
      const newToken = await api.linkTokenFor(invitee.email);
      expect(newToken).not.toBe(oldToken);
      expect((await api.as(invitee).post('/invitations/accept', { token: oldToken })).body.code).toBe('invitation_not_found');
      expect((await api.as(invitee).post('/invitations/accept', { token: newToken })).status).toBe(200);
      expect((await api.as(admin).get(`/orgs/${org.orgId}`)).body.org.counts.members).toBe(2);
    } finally {
      await api.setClock(0);
    }
  });

  it('is limited to one per minute, with Retry-After', async () => {
    const { admin, path } = await orgWithInvite();
    const r = await api.as(admin).post(`${path}/resend`);
    expect(r.status).toBe(429);
    expect(r.body.code).toBe('resend_rate_limited');
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(r.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  });

  it('is limited to five per day', async () => {
    const { admin, path } = await orgWithInvite();
    try {
      for (let i = 1; i <= 5; i++) {
        await api.setClock(61 * i);
        expect((await api.as(admin).post(`${path}/resend`)).status).toBe(200);
      }
      await api.setClock(61 * 6);
      const sixth = await api.as(admin).post(`${path}/resend`);
      expect([sixth.status, sixth.body.code]).toEqual([429, 'resend_rate_limited']);
      expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(3600);
    } finally {
      await api.setClock(0);
    }
  });

  it('race: two resends at the same moment send one new email', async () => {
    const { admin, path, invitee } = await orgWithInvite();
    await api.setClock(61);
    try {
      const [a, b] = await Promise.all([api.as(admin).post(`${path}/resend`), api.as(admin).post(`${path}/resend`)]);
      // the loser either lost the transaction (409) or already sees the winner's send (429)
      const statuses = [a.status, b.status].sort();
      expect(statuses[0]).toBe(200);
      expect([409, 429]).toContain(statuses[1]);
      expect(await api.emailsTo(invitee.email)).toHaveLength(2);
    } finally {
      await api.setClock(0);
    }
  });

  it('only pending invitations can be resent', async () => {
    const { admin, path } = await orgWithInvite();
    await api.as(admin).post(`${path}/revoke`);
    const r = await api.as(admin).post(`${path}/resend`);
    expect([r.status, r.body.code]).toEqual([409, 'invitation_not_pending']);
  });
});

describe('revoking an invitation', () => {
  it('closes a pending invitation at once; revoking again is a conflict', async () => {
    const { admin, path, org, invitee } = await orgWithInvite();
    const r = await api.as(admin).post(`${path}/revoke`);
    expect(r.body.invitation).toMatchObject({ status: 'revoked', revokedBy: admin.userId });
    expect((await api.as(admin).post(`${path}/revoke`)).body.code).toBe('invitation_not_pending');
    const token = await api.linkTokenFor(invitee.email);
    expect((await api.request('GET', `/invitations/preview?token=${token}`)).body.status).toBe('revoked');
    expect((await api.as(admin).get(`/orgs/${org.orgId}`)).body.org.counts.pendingInvitations).toBe(0);
  });

  it('an expired invitation cannot be revoked', async () => {
    const { admin, path } = await orgWithInvite();
    await api.setClock(8 * 86_400);
    try {
      expect((await api.as(admin).post(`${path}/revoke`)).body.code).toBe('invitation_not_pending');
    } finally {
      await api.setClock(0);
    }
  });

  it('an unknown invitation is 404 for an admin, and the org is 404 for an outsider', async () => {
    const { admin, org } = await orgWithInvite();
    const r = await api.as(admin).post(`/orgs/${org.orgId}/invitations/inv_nope/revoke`);
    expect([r.status, r.body.code]).toEqual([404, 'invitation_not_found']);
    const outsider = await api.user('Outsider');
    const o = await api.as(outsider).post(`/orgs/${org.orgId}/invitations/inv_nope/revoke`);
    expect([o.status, o.body.code]).toEqual([404, 'org_not_found']);
  });
});

describe('the invitation list', () => {
  it('filters by status (exact at read time) and by email, case-insensitively', async () => {
    const admin = await api.user('Admin');
    const org = await api.createOrg(admin);
    await api.invite(admin, org.orgId, { emails: 'a@list.example.com, b@list.example.com, c@list.example.com' });
    const all = (await api.as(admin).get(`/orgs/${org.orgId}/invitations`)).body.items;
    await api.as(admin).post(`/orgs/${org.orgId}/invitations/${all[0]!.invitationId}/revoke`);
    const byStatus = async (s: string) =>
      ((await api.as(admin).get(`/orgs/${org.orgId}/invitations?status=${s}`)).body.items as { email: string }[]).map((i) => i.email).sort();
    expect(await byStatus('revoked')).toEqual([all[0]!.email]);
    expect((await byStatus('pending')).length).toBe(2);
    expect(await byStatus('pending,revoked')).toHaveLength(3);
    const one = await api.as(admin).get(`/orgs/${org.orgId}/invitations?email=B@List.Example.com`);
    expect(one.body.items.map((i: { email: string }) => i.email)).toEqual(['b@list.example.com']);
    await api.setClock(8 * 86_400);
    try {
      expect(await byStatus('pending')).toEqual([]);
      expect((await byStatus('expired')).length).toBe(2);
    } finally {
      await api.setClock(0);
    }
  });

  it('pages with an opaque cursor until every invitation was seen once, newest first', async () => {
    const admin = await api.user('Admin');
    const org = await api.createOrg(admin);
    await api.invite(admin, org.orgId, { emails: Array.from({ length: 7 }, (_, i) => `p${i}@page.example.com`) });
    const pages = await everyPage<{ invitationId: string }>(api, admin, `/orgs/${org.orgId}/invitations?limit=3`);
    const seen = pages.flat().map((i) => i.invitationId);
    expect(pages).toHaveLength(3);
    expect(new Set(seen).size).toBe(7);
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it('a forged cursor, or one from another org, is a 400 and not a read of someone else’s data', async () => {
    const admin = await api.user('Admin');
    const mine = await api.createOrg(admin);
    const theirsAdmin = await api.user('Other');
    const theirs = await api.createOrg(theirsAdmin);
    await api.invite(theirsAdmin, theirs.orgId, { emails: ['x1@other.example.com', 'x2@other.example.com'] });
    const page = await api.as(theirsAdmin).get(`/orgs/${theirs.orgId}/invitations?limit=1`);
    const theirCursor = page.body.nextCursor as string;
    const crossOrg = await api.as(admin).get(`/orgs/${mine.orgId}/invitations?cursor=${encodeURIComponent(theirCursor)}`);
    expect([crossOrg.status, crossOrg.body.code]).toEqual([400, 'invalid_cursor']);
    const forgedBody = Buffer.from(JSON.stringify({ s: `invitations:${mine.orgId}:`, k: { PK: `ORG#${theirs.orgId}`, SK: 'INV#' } })).toString('base64url');
    const forged = await api.as(admin).get(`/orgs/${mine.orgId}/invitations?cursor=${forgedBody}.${theirCursor.split('.')[1]}`);
    expect([forged.status, forged.body.code]).toEqual([400, 'invalid_cursor']);
  });

  it('limits outside 1..200 are refused', async () => {
    const admin = await api.user('Admin');
    const org = await api.createOrg(admin);
    for (const limit of ['0', '201', '-1', 'ten']) {
      const r = await api.as(admin).get(`/orgs/${org.orgId}/invitations?limit=${limit}`);
      expect([r.status, r.body.code]).toEqual([400, 'validation_failed']);
    }
  });

  it('never shows a token, its hash or its nonce, anywhere an admin can look', async () => {
    const { admin, invitee, path, org } = await orgWithInvite();
    const token = await api.linkTokenFor(invitee.email);
    const bodies = [await api.as(admin).get(path), await api.as(admin).get(`/orgs/${org.orgId}/invitations`)].map((r) => JSON.stringify(r.body));
    for (const b of bodies) {
      expect(b).not.toContain(token);
      expect(b).not.toMatch(/tokenHash|linkNonce/);
    }
  });
});

describe('organizations', () => {
  it('the creator is the first admin; outsiders get 404, members may read', async () => {
    const admin = await api.user('Admin');
    const org = await api.createOrg(admin, { name: '  Spaced  ' });
    expect(org).toMatchObject({ name: 'Spaced', plan: 'standard', counts: { members: 1, admins: 1, pendingInvitations: 0 } });
    expect(org.settings).toEqual({
      allowedDomains: [],
      autoJoin: { enabled: false, role: 'member' },
      invitationTtlDays: 7,
      reminderHoursBeforeExpiry: 48,
      notifyInviterOnAccept: true,
      directAddExistingUsers: false,
    });
    const outsider = await api.user('Outsider');
    expect((await api.as(outsider).get(`/orgs/${org.orgId}`)).status).toBe(404);
  });

  it('settings are validated: ttl 1..30, reminder 0..720, no unknown fields', async () => {
    const admin = await api.user('Admin');
    const org = await api.createOrg(admin);
    for (const body of [
      { invitationTtlDays: 0 },
      { invitationTtlDays: 31 },
      { invitationTtlDays: 1.5 },
      { reminderHoursBeforeExpiry: 721 },
      { color: 'red' },
      { autoJoin: { enabled: true, role: 'admin' } },
    ]) {
      const r = await api.as(admin).patch(`/orgs/${org.orgId}`, body);
      expect([r.status, r.body.code], JSON.stringify(body)).toEqual([400, 'validation_failed']);
    }
    const ok = await api.as(admin).patch(`/orgs/${org.orgId}`, { name: 'Renamed', invitationTtlDays: 30, reminderHoursBeforeExpiry: 0 });
    expect(ok.body.org).toMatchObject({ name: 'Renamed', settings: { invitationTtlDays: 30, reminderHoursBeforeExpiry: 0 } });
  });

  it('requests without a valid token are 401 problem+json', async () => {
    for (const headers of [{}, { authorization: 'Bearer nope' }, { authorization: 'Basic abc' }] as Record<string, string>[]) {
      const r = await api.request('GET', '/me', { headers });
      expect([r.status, r.body.code]).toEqual([401, 'unauthenticated']);
    }
  });

  it('GET /me answers from the verified token', async () => {
    const u = await api.user('Mia');
    expect((await api.as(u).get('/me')).body).toMatchObject({ userId: u.userId, email: u.email, name: 'Mia' });
  });

  it('unknown routes and methods answer problem+json', async () => {
    expect((await api.request<Problem>('GET', '/nope')).body.code).toBe('route_not_found');
    expect((await api.request('DELETE', '/health')).status).toBe(405);
    expect((await api.request('GET', '/health')).body).toEqual({ status: 'ok' });
  });
});
