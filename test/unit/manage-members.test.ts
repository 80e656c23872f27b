import { describe, expect, it } from 'vitest';
import type { DomainError } from '../../shared/domain/errors.ts';
import { removeMember } from '../../shared/domain/members/remove-member.ts';
import { updateMember } from '../../shared/domain/members/update-member.ts';
import type { Actor, Invitation, Member, Org } from '../../shared/domain/model.ts';
import { defaultSettings } from '../../shared/domain/orgs/settings.ts';
import type { Ids, InvitationStore, MemberStore, MemberWrite, MemberWriteResult, TransitionWrite } from '../../shared/ports.ts';
import { activeMember, pendingInvitation } from '../helpers/domain-fixtures.ts';
import { fakeOf } from '../helpers/fakes.ts';

const now = new Date('2026-03-01T12:00:00.000Z');
const org: Org = {
  orgId: 'org_1',
  name: 'Acme',
  plan: 'standard',
  settings: defaultSettings,
  memberCount: 3,
  adminCount: 2,
  pendingCount: 2,
  createdAt: now.toISOString(),
  version: 1,
};
const member = (userId: string, role: Member['role']): Member =>
  activeMember({ userId, email: `${userId}@x.com`, name: userId, role, joinedAt: now.toISOString() });
const ada = member('ada', 'admin');
const bea = member('bea', 'admin');
const actor: Actor = { userId: 'ada', email: 'ada@x.com', emailVerified: true };
const pendingFrom = (id: string): Invitation =>
  pendingInvitation({
    invitationId: id,
    email: `${id}@x.com`,
    invitedBy: { userId: 'bea', name: 'bea' },
    createdAt: now.toISOString(),
    expiresAt: '2026-03-08T12:00:00.000Z',
  });

/** In-memory ports: the member store answers from a script of outcomes and records what it was asked. */
function fakeDeps(outcomes: MemberWriteResult['outcome'][], deferredCount = 0, target: Member = bea) {
  const writes: MemberWrite[] = [];
  const transitions: TransitionWrite[] = [];
  let reads = 0;
  let ids = 0;
  const deps: Parameters<typeof updateMember>[0] & Parameters<typeof removeMember>[0] = {
    clock: { now: () => now },
    ids: fakeOf<Ids>('ids', { eventId: () => `evt_${++ids}` }),
    members: fakeOf<MemberStore>('members', {
      loadScope: async (_o: string, callerId: string, of: { memberId?: string }) => {
        reads++;
        return { org, caller: callerId === 'ada' ? ada : null, member: of.memberId === target.userId ? target : null, team: null };
      },
      write: async (w: MemberWrite): Promise<MemberWriteResult> => {
        writes.push(w);
        const outcome = outcomes.shift() ?? 'done';
        return { outcome, deferred: outcome === 'done' ? w.revocations.slice(w.revocations.length - deferredCount) : [] };
      },
    }),
    invitations: fakeOf<InvitationStore>('invitations', {
      // the second listing (after the write) also finds one sent while the change was on its way
      listPendingSentBy: async (_o: string, userId: string) =>
        userId === 'bea' ? [pendingFrom('inv_1'), pendingFrom('inv_2'), ...(writes.length > 0 ? [pendingFrom('inv_late')] : [])] : [],
      transition: async (t: TransitionWrite) => {
        transitions.push(t);
        return 'done' as const;
      },
    }),
  };
  return { deps, writes, transitions, reads: () => reads };
}

describe('changing a member', () => {
  it('demoting an admin revokes their pending invitations in the same write, each audited with the reason', async () => {
    const f = fakeDeps(['done']);
    const r = await updateMember(f.deps, { orgId: 'org_1', userId: 'bea', actor, role: 'member' });
    expect(r.member.role).toBe('member');
    const [w] = f.writes;
    expect(w?.actorAdminId).toBe('ada');
    expect(w?.events.map((e) => [e.type, e.details])).toEqual([['member.role_changed', { from: 'admin', to: 'member' }]]);
    expect(w?.revocations.map((x) => [x.invitation.invitationId, x.revokedBy, x.event.type, x.event.details])).toEqual([
      ['inv_1', 'ada', 'invitation.revoked', { reason: 'inviter_demoted', inviter: 'bea' }],
      ['inv_2', 'ada', 'invitation.revoked', { reason: 'inviter_demoted', inviter: 'bea' }],
    ]);
    expect(f.transitions.map((t) => [t.invitation.invitationId, t.event.details.reason])).toEqual([['inv_late', 'inviter_demoted']]);
  });

  it('revocations that did not fit the transaction are completed right after', async () => {
    const f = fakeDeps(['done'], 1);
    await removeMember(f.deps, { orgId: 'org_1', userId: 'bea', actor });
    expect(f.transitions.map((t) => [t.invitation.invitationId, t.to, t.by, t.event.details.reason])).toEqual([
      ['inv_2', 'revoked', 'ada', 'inviter_removed'],
      ['inv_late', 'revoked', 'ada', 'inviter_removed'],
    ]);
  });

  it('a write refused by the admin counter is 409 last_admin', async () => {
    const f = fakeDeps(['last_admin']);
    const e = await updateMember(f.deps, { orgId: 'org_1', userId: 'ada', actor, status: 'suspended' }).catch((x: DomainError) => x);
    expect((e as DomainError).code).toBe('last_admin');
  });

  it('a write that found the data changed is decided again from a fresh read', async () => {
    const f = fakeDeps(['stale', 'done']);
    await updateMember(f.deps, { orgId: 'org_1', userId: 'bea', actor, role: 'viewer' });
    expect(f.writes).toHaveLength(2);
    expect(f.reads()).toBe(2);
  });

  it('a patch that changes nothing writes nothing', async () => {
    const f = fakeDeps([]);
    const r = await updateMember(f.deps, { orgId: 'org_1', userId: 'bea', actor, role: 'admin', status: 'active' });
    expect(r.member.role).toBe('admin');
    expect(f.writes).toEqual([]);
  });

  it('a change that leaves no admin authority behind revokes nothing', async () => {
    const promote = fakeDeps(['done'], 0, member('bea', 'member'));
    await updateMember(promote.deps, { orgId: 'org_1', userId: 'bea', actor, role: 'admin' });
    const suspendMember = fakeDeps(['done'], 0, member('bea', 'member'));
    await updateMember(suspendMember.deps, { orgId: 'org_1', userId: 'bea', actor, status: 'suspended' });
    expect([...promote.writes, ...suspendMember.writes].map((w) => w.revocations)).toEqual([[], []]);
  });
});
