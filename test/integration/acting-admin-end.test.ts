import { afterEach, describe, expect, it } from 'vitest';
import type { AccessJob } from '../../shared/ports.ts';
import { direct } from '../helpers/direct.ts';
import { type User, useStack } from '../helpers/stack.ts';

/**
 * The transactions' check on the acting admin (shared/adapters/dynamodb/tx-items.ts actorStillAdmin)
 * includes the admin's end of access, at the use case's instant for the write: an admin whose access
 * ends between the use case's read and its write cannot write, and an invitation whose inviter's access
 * has ended carries no authority. docs/adr/members-with-an-end-date.md
 */

const api = useStack();
const db = direct(api);

const HOUR = 3600;
const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

afterEach(async () => {
  api.stack.clients.dynamodb.middlewareStack.remove(ANSWERED);
  // the stepping clock below is an own property over ShiftableClock's method
  delete (api.stack.clock as { now?: unknown }).now;
  await api.setClock(0);
});

const ANSWERED = 'testActorReadAnswered';

/**
 * The window, forced with a clock the test controls: once the first read naming `memberKey` (the
 * actor's membership) is answered, the clock gives one more reading at the old instant (the use case
 * checks the actor with it, right after the read) and then jumps to `offsetSeconds`, so every later
 * reading (the use case's instant for its write) is after the jump. Between the answer and the check
 * only promise continuations run, so no other reader of the clock can take that reading.
 */
function clockJumpsAfterActorCheck(memberKey: string, offsetSeconds: number) {
  const clock = api.stack.clock;
  const state = { phase: 'waiting' as 'waiting' | 'check' | 'jumped' };
  const own = Object.getPrototypeOf(clock).now as () => Date;
  (clock as { now: () => Date }).now = () => {
    const t = own.call(clock);
    if (state.phase === 'check') {
      state.phase = 'jumped';
      clock.setOffsetSeconds(offsetSeconds);
    }
    return t;
  };
  api.stack.clients.dynamodb.middlewareStack.add(
    ((next: (args: { input: unknown }) => Promise<unknown>, context: { commandName?: string }) => async (args: { input: unknown }) => {
      const out = await next(args);
      if (state.phase === 'waiting' && !String(context.commandName).startsWith('TransactWrite') && JSON.stringify(args.input).includes(memberKey)) {
        state.phase = 'check';
      }
      return out;
    }) as never,
    { step: 'initialize', name: ANSWERED },
  );
  return state;
}

/** Ada (admin, no end), Cy (admin whose access ends in 2 hours, its schedules cancelled so only the rule can refuse him), Bob (member). */
async function orgWithEndingAdmin() {
  await api.setClock(0);
  const ada = await api.user('Ada');
  const org = await api.createOrg(ada);
  const orgId = org.orgId as string;
  const cy = await api.user('Cy');
  const bob = await api.user('Bob');
  const until = inSeconds(2 * HOUR);
  await db.join(ada, orgId, cy, 'admin', { accessUntil: until });
  await db.join(ada, orgId, bob, 'member');
  await api.stack.settle();
  const schedules = (await api.stack.scheduler.pending()).filter((s) => s.job.kind.startsWith('access_') && (s.job as AccessJob).userId === cy.userId);
  expect(schedules.map((s) => s.job.kind)).toEqual(['access_end']);
  for (const s of schedules) await api.stack.scheduler.cancel(s.name);
  return { ada, cy: cy as User, bob: bob as User, orgId, until };
}

describe('the acting admin check includes their end of access', () => {
  it('an admin whose access ends between the read and the write changes nothing (404, no write, no audit event)', async () => {
    const { cy, bob, orgId } = await orgWithEndingAdmin();
    const jumped = clockJumpsAfterActorCheck(`MEMBER#${cy.userId}`, 2 * HOUR + 60);

    const res = await api.as(cy).patch(`/orgs/${orgId}/members/${bob.userId}`, { role: 'viewer' });

    expect(jumped.phase).toBe('jumped');
    // the transaction is refused, the use case reads again and finds Cy's access ended: an outsider
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('org_not_found');
    expect((await db.item(`ORG#${orgId}`, `MEMBER#${bob.userId}`))?.role).toBe('member');
    const changed = await api.stack.runtime.deps.audit.list(orgId, { types: ['member.role_changed'] }, { limit: 10 });
    expect(changed.items).toEqual([]);
  });

  it('the same request goes through when the jump stays before the end (the control)', async () => {
    const { cy, bob, orgId } = await orgWithEndingAdmin();
    const jumped = clockJumpsAfterActorCheck(`MEMBER#${cy.userId}`, 2 * HOUR - 60);

    const res = await api.as(cy).patch(`/orgs/${orgId}/members/${bob.userId}`, { role: 'viewer' });

    expect(jumped.phase).toBe('jumped');
    expect(res.status).toBe(200);
    expect((await db.item(`ORG#${orgId}`, `MEMBER#${bob.userId}`))?.role).toBe('viewer');
  });

  it("an invitation whose inviter's access has ended is revoked when accepted, though the inviter is not removed yet", async () => {
    const { cy, orgId } = await orgWithEndingAdmin();
    const dan = await api.user('Dan');
    const inv = await api.invite(cy, orgId, { emails: dan.email });
    expect(inv.status).toBe(201);
    const invitationId = inv.body.results[0]!.invitationId as string;
    const token = await db.linkToken(orgId, invitationId);

    await api.setClock(2 * HOUR + 60);
    // Cy's row is still there (no job removed it): only his end of access can refuse the invitation's authority
    expect((await db.item(`ORG#${orgId}`, `MEMBER#${cy.userId}`))?.role).toBe('admin');
    const accepted = await api.as(dan).post('/invitations/accept', { token });

    expect(accepted.status).toBe(410);
    expect(accepted.body.code).toBe('invitation_revoked');
    expect(await db.item(`ORG#${orgId}`, `MEMBER#${dan.userId}`)).toBeUndefined();
    const stored = await db.item(`ORG#${orgId}`, `INV#${invitationId}`);
    expect(stored?.status).toBe('revoked');
  });
});
