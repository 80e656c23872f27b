import { describe, expect, it } from 'vitest';
import { useJoinLinkStack } from '../helpers/join-links.ts';

/**
 * Join links that require approval (issue 23 §2) over HTTP against the real local stack: a pending
 * request, approved into a membership or denied, the races with a revoke, and the rules as they are
 * when the admin approves.
 */
const { api, db, orgWithAdmin, createLink, accept, links, memberIds, auditTypes, problem } = useJoinLinkStack();

describe('links that require approval', () => {
  it('accepting makes a pending request; an admin approves it into a membership, or denies it', async () => {
    const { admin, orgId } = await orgWithAdmin();
    const { token, link } = await createLink(admin, orgId, { role: 'viewer', requireApproval: true, maxUses: 10 });
    const bob = await api.user('Bob');
    const carl = await api.user('Carl');
    const member = await api.user('Mo');
    await db.join(admin, orgId, member, 'member', { sendEmail: false });

    const asked = await accept(bob, token);
    const askedAgain = await accept(bob, token);
    const carlAsked = await accept(carl, token);
    const pending = await api.as(admin).get(`/orgs/${orgId}/join-requests`);
    const byMember = await api.as(member).post(`/orgs/${orgId}/join-requests/${asked.body.joinRequest.requestId}/approve`);

    expect(asked.status).toBe(201);
    expect(asked.body.joinRequest).toMatchObject({
      orgId,
      userId: bob.userId,
      email: bob.email,
      linkId: link.linkId,
      role: 'viewer',
      status: 'pending',
      decidedAt: null,
    });
    expect(problem(askedAgain)).toEqual([409, 'join_request_pending']);
    expect(pending.body.items.map((r: { userId: string }) => r.userId).sort()).toEqual([bob.userId, carl.userId].sort());
    expect(problem(byMember)).toEqual([403, 'forbidden']);
    expect(await memberIds(admin, orgId)).not.toContain(bob.userId);

    const approved = await api.as(admin).post(`/orgs/${orgId}/join-requests/${asked.body.joinRequest.requestId}/approve`);
    const approvedTwice = await api.as(admin).post(`/orgs/${orgId}/join-requests/${asked.body.joinRequest.requestId}/approve`);
    const denied = await api.as(admin).post(`/orgs/${orgId}/join-requests/${carlAsked.body.joinRequest.requestId}/deny`);
    const approveDenied = await api.as(admin).post(`/orgs/${orgId}/join-requests/${carlAsked.body.joinRequest.requestId}/approve`);
    const unknown = await api.as(admin).post(`/orgs/${orgId}/join-requests/jr_bm9ib2R5/approve`);

    expect(approved.status).toBe(200);
    expect(approved.body.joinRequest.status).toBe('approved');
    expect(approved.body.membership).toMatchObject({ userId: bob.userId, role: 'viewer', status: 'active' });
    expect(problem(approvedTwice)).toEqual([409, 'join_request_not_pending']);
    expect(denied.body.joinRequest.status).toBe('denied');
    expect(problem(approveDenied)).toEqual([409, 'join_request_not_pending']);
    expect(problem(unknown)).toEqual([404, 'join_request_not_found']);
    const members = await memberIds(admin, orgId);
    expect(members).toContain(bob.userId);
    expect(members).not.toContain(carl.userId);
    expect((await api.as(admin).get(`/orgs/${orgId}/join-requests`)).body.items).toEqual([]);
    expect((await api.as(admin).get(`/orgs/${orgId}/join-requests?status=denied`)).body.items.map((r: { userId: string }) => r.userId)).toEqual([carl.userId]);
    expect((await links(admin, orgId))[0]!.uses).toBe(2);
    expect((await auditTypes(admin, orgId, 'join_request.*')).sort()).toEqual([
      'join_request.approved',
      'join_request.created',
      'join_request.created',
      'join_request.denied',
    ]);
  });

  it('approvals racing a revoke: each lands before it or is refused, and none after it admits anyone', async () => {
    const { admin, orgId } = await orgWithAdmin();
    const { token, link } = await createLink(admin, orgId, { role: 'member', requireApproval: true });
    const people = await Promise.all(Array.from({ length: 6 }, (_, i) => api.user(`r${i}`)));
    const requests = await Promise.all(people.map((p) => accept(p, token)));
    expect(requests.map((r) => r.status)).toEqual(Array.from({ length: 6 }, () => 201));
    const ids = requests.map((r) => r.body.joinRequest.requestId as string);

    const [revoke, ...approvals] = await Promise.all([
      api.as(admin).delete(`/orgs/${orgId}/join-links/${link.linkId}`),
      ...ids.map((id) => api.as(admin).post(`/orgs/${orgId}/join-requests/${id}/approve`)),
    ]);
    const afterwards = await Promise.all(ids.map((id) => api.as(admin).post(`/orgs/${orgId}/join-requests/${id}/approve`)));

    expect(revoke?.status).toBe(204);
    for (const a of approvals) expect([200, 410]).toContain(a.status);
    for (const a of approvals.filter((x) => x.status === 410)) expect(a.body.code).toBe('join_link_revoked');
    const admitted = approvals.filter((a) => a.status === 200).map((a) => a.body.membership.userId as string);
    expect((await memberIds(admin, orgId)).filter((m) => m !== admin.userId).sort()).toEqual(admitted.sort());
    // once the revoke has landed, every request still pending is refused
    for (const [i, a] of afterwards.entries()) {
      expect(problem(a)).toEqual(approvals[i]?.status === 200 ? [409, 'join_request_not_pending'] : [410, 'join_link_revoked']);
    }
    expect((await api.as(admin).get(`/orgs/${orgId}`)).body.org.counts.members).toBe(1 + admitted.length);
  });

  it('a link that expired after the request still lets the admin approve it (only a revoke stops approvals); a revoked one does not', async () => {
    const { admin, orgId } = await orgWithAdmin();
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const lapsing = await createLink(admin, orgId, { role: 'viewer', requireApproval: true, expiresAt });
    const revoked = await createLink(admin, orgId, { role: 'viewer', requireApproval: true, expiresAt });
    const bob = await api.user('Bob');
    const carl = await api.user('Carl');
    const dan = await api.user('Dan');
    const bobAsked = await accept(bob, lapsing.token);
    const danAsked = await accept(dan, lapsing.token);
    const carlAsked = await accept(carl, revoked.token);
    expect([bobAsked.status, danAsked.status, carlAsked.status]).toEqual([201, 201, 201]);
    await api.as(admin).delete(`/orgs/${orgId}/join-links/${revoked.link.linkId}`);

    await api.setClock(2 * 3600);
    const approved = await api.as(admin).post(`/orgs/${orgId}/join-requests/${bobAsked.body.joinRequest.requestId}/approve`);
    const refused = await api.as(admin).post(`/orgs/${orgId}/join-requests/${carlAsked.body.joinRequest.requestId}/approve`);
    const denied = await api.as(admin).post(`/orgs/${orgId}/join-requests/${danAsked.body.joinRequest.requestId}/deny`);
    const askAgain = await accept(dan, lapsing.token);

    expect(approved.status).toBe(200);
    expect(approved.body.membership).toMatchObject({ userId: bob.userId, role: 'viewer', status: 'active' });
    expect(problem(refused)).toEqual([410, 'join_link_revoked']);
    expect(denied.body.joinRequest.status).toBe('denied');
    // the expired link lets nobody new ask: a denied person cannot come back through it
    expect(problem(askAgain)).toEqual([410, 'join_link_expired']);
    const members = await memberIds(admin, orgId);
    expect(members).toContain(bob.userId);
    expect(members).not.toContain(carl.userId);
    expect(members).not.toContain(dan.userId);
    // Carl's request stays pending: the admin can still deny it
    const stillPending = (await api.as(admin).get(`/orgs/${orgId}/join-requests`)).body.items.map((r: { userId: string }) => r.userId);
    expect(stillPending).toEqual([carl.userId]);
    const listed = await links(admin, orgId);
    expect(listed.find((l: { linkId: string }) => l.linkId === lapsing.link.linkId)).toMatchObject({ status: 'expired', uses: 2 });
    expect((await api.as(admin).get(`/orgs/${orgId}`)).body.org.counts.members).toBe(2);
  });

  it("approval follows the member limit and the org's domains as they are when the admin approves", async () => {
    const { admin, orgId } = await orgWithAdmin();
    await api.setPlan(orgId, 'tiny');
    const { token } = await createLink(admin, orgId, { role: 'member', requireApproval: true });
    const people = await Promise.all(Array.from({ length: 3 }, (_, i) => api.user(`q${i}`)));
    const ids = [];
    for (const p of people) ids.push((await accept(p, token)).body.joinRequest.requestId as string);

    const results = await Promise.all(ids.map((id) => api.as(admin).post(`/orgs/${orgId}/join-requests/${id}/approve`)));

    expect(results.filter((r) => r.status === 200)).toHaveLength(2);
    expect(results.filter((r) => r.status !== 200).map(problem)).toEqual([[409, 'member_limit_reached']]);
    expect(await memberIds(admin, orgId)).toHaveLength(3);
  });
});
