import { describe, expect, it } from 'vitest';
import { defaultPlans } from '../../shared/config.ts';
import { acceptAllMyInvitations } from '../../shared/domain/invitations/my-invitations.ts';
import type { Actor, Invitation, Org } from '../../shared/domain/model.ts';
import { defaultSettings } from '../../shared/domain/orgs/settings.ts';
import type { AcceptWrite, Ids, InvitationStore, LoadedInvitation, TeamStore } from '../../shared/ports.ts';
import { pendingInvitation } from '../helpers/domain-fixtures.ts';
import { fakeOf } from '../helpers/fakes.ts';

const now = new Date('2026-01-01T00:00:00.000Z');
const bob: Actor = { userId: 'u_bob', email: 'bob@x.com', emailVerified: true, name: 'Bob' };

const org = (orgId: string): Org => ({
  orgId,
  name: orgId,
  plan: 'standard',
  settings: defaultSettings,
  memberCount: 1,
  adminCount: 1,
  pendingCount: 1,
  createdAt: now.toISOString(),
  version: 1,
});

const invitation = (orgId: string, role: Invitation['role']): Invitation =>
  pendingInvitation({
    invitationId: `inv_${orgId}`,
    orgId,
    email: 'bob@x.com',
    role,
    invitedBy: { userId: 'u_ada', name: 'Ada' },
    createdAt: now.toISOString(),
    expiresAt: '2026-01-08T00:00:00.000Z',
  });

/** Just the ports accept-all touches: a page of pending invitations, and an accept that can say no. */
function fakeDeps(pending: LoadedInvitation[], refuse: Record<string, 'member_limit_reached'>) {
  const writes: AcceptWrite[] = [];
  let n = 0;
  const deps: Parameters<typeof acceptAllMyInvitations>[0] = {
    clock: { now: () => now },
    ids: fakeOf<Ids>('ids', { eventId: () => `evt_${++n}` }),
    teams: fakeOf<TeamStore>('teams', { existing: async () => [] }),
    plans: defaultPlans,
    invitations: fakeOf<InvitationStore>('invitations', {
      listPendingToEmail: async () => ({ items: pending, nextCursor: null }),
      accept: async (w: AcceptWrite) => {
        writes.push(w);
        return refuse[w.org.orgId] ?? 'accepted';
      },
    }),
  };
  return { deps, writes };
}

describe('accept-all', () => {
  it('joins each org with the role of its own invitation, and one refusal does not stop the others', async () => {
    // Prepare
    const pending = [
      { invitation: invitation('org_a', 'admin'), org: org('org_a'), member: null },
      { invitation: invitation('org_b', 'viewer'), org: org('org_b'), member: null },
      { invitation: invitation('org_c', 'member'), org: org('org_c'), member: null },
    ];
    const { deps, writes } = fakeDeps(pending, { org_b: 'member_limit_reached' });

    // Act
    const { results } = await acceptAllMyInvitations(deps, { actor: bob });

    // Assess
    expect(writes.map((w) => [w.org.orgId, w.member.role])).toEqual([
      ['org_a', 'admin'],
      ['org_b', 'viewer'],
      ['org_c', 'member'],
    ]);
    expect(results).toEqual([
      { invitationId: 'inv_org_a', orgId: 'org_a', status: 'accepted', membership: expect.objectContaining({ role: 'admin' }) },
      { invitationId: 'inv_org_b', orgId: 'org_b', status: 'failed', code: 'member_limit_reached' },
      { invitationId: 'inv_org_c', orgId: 'org_c', status: 'accepted', membership: expect.objectContaining({ role: 'member' }) },
    ]);
  });

  it('an unverified email accepts nothing', async () => {
    const { deps, writes } = fakeDeps([{ invitation: invitation('org_a', 'member'), org: org('org_a'), member: null }], {});
    await expect(acceptAllMyInvitations(deps, { actor: { ...bob, emailVerified: false } })).rejects.toMatchObject({ code: 'email_not_verified' });
    expect(writes).toEqual([]);
  });
});
