import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as dispatcher } from '../../functions/workers/dispatcher.ts';
import { handler as reminderWorker } from '../../functions/workers/reminder.ts';
import { seedMembers } from '../../measure/seed.ts';
import { direct } from '../helpers/direct.ts';
import { attachFaults, FaultPlan, runWithFaults } from '../helpers/faults.ts';
import { type User, useStack } from '../helpers/stack.ts';

/**
 * DELETE /orgs/{orgId}: what is true the moment it answers. The stack's stream poller is stopped so
 * that "an email queued before the deletion, dispatched after it" can be staged exactly: the test
 * hands the dispatcher the stream record the invitation's write made, after the org is deleted.
 */
const api = useStack();
const db = direct(api);

beforeAll(async () => {
  await api.stack.poller.stop();
});

type Item = Record<string, unknown>;
let sequence = 0;
function insertRecord(after: Item): DynamoDBStreamEvent['Records'][number] {
  return {
    eventID: `d${++sequence}`,
    eventName: 'INSERT',
    eventSource: 'aws:dynamodb',
    dynamodb: {
      Keys: marshall({ PK: after.PK, SK: after.SK }) as Record<string, AttributeValue>,
      NewImage: marshall(after, { removeUndefinedValues: true }) as Record<string, AttributeValue>,
      SequenceNumber: String(sequence),
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  } as DynamoDBStreamEvent['Records'][number];
}

/** The stream record of the org item's change, as the stream carries it (old and new image). */
function modifyRecord(before: Item, after: Item): DynamoDBStreamEvent['Records'][number] {
  return {
    eventID: `d${++sequence}`,
    eventName: 'MODIFY',
    eventSource: 'aws:dynamodb',
    dynamodb: {
      Keys: marshall({ PK: after.PK, SK: after.SK }) as Record<string, AttributeValue>,
      NewImage: marshall(after, { removeUndefinedValues: true }) as Record<string, AttributeValue>,
      OldImage: marshall(before, { removeUndefinedValues: true }) as Record<string, AttributeValue>,
      SequenceNumber: String(sequence),
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  } as DynamoDBStreamEvent['Records'][number];
}

/** An org with an admin, a member (joined by accepting) and a pending invitation (emailed, not yet dispatched). */
async function world(name = `Doomed ${Math.random().toString(36).slice(2, 8)}`) {
  const ada = await api.user('Ada');
  const mo = await api.user('Mo');
  const outsider = await api.user('Out');
  const invitee = await api.user('Ivy');
  const orgId = (await api.createOrg(ada, { name })).orgId;
  await db.join(ada, orgId, mo);
  const inv = await api.invite(ada, orgId, { emails: invitee.email });
  expect(inv.status).toBe(201);
  const invitationId = inv.body.results[0]!.invitationId as string;
  const token = await db.linkToken(orgId, invitationId);
  return { ada, mo, outsider, invitee, orgId, name, invitationId, token };
}

const del = (who: User, orgId: string, body?: unknown) => api.as(who).delete(`/orgs/${orgId}`, body);

describe('DELETE /orgs/{orgId}: who may, and the confirmation', () => {
  it('refuses a confirmation that is not the exact name, and changes nothing', async () => {
    const w = await world('Acme Corp');
    for (const confirm of ['acme corp', 'Acme Corp ', 'Acme', '']) {
      const r = await del(w.ada, w.orgId, { confirm });
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('confirmation_mismatch');
    }
    const missing = await del(w.ada, w.orgId, {});
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('validation_failed');
    expect((await api.as(w.ada).get(`/orgs/${w.orgId}`)).status).toBe(200);
    expect((await api.as(w.ada).get(`/orgs/${w.orgId}/audit?type=org.deleted`)).body.items).toHaveLength(0);
  });

  it('a member is forbidden, an outsider learns nothing (404), and the org stays', async () => {
    const w = await world();
    const member = await del(w.mo, w.orgId, { confirm: w.name });
    expect(member.status).toBe(403);
    expect(member.body.code).toBe('forbidden');
    const outsider = await del(w.outsider, w.orgId, { confirm: w.name });
    expect(outsider.status).toBe(404);
    expect(outsider.body.code).toBe('org_not_found');
    expect((await api.as(w.mo).get(`/orgs/${w.orgId}`)).status).toBe(200);
  });

  it('the name checked is the one stored when the write lands: a rename in between refuses the old name', async () => {
    const w = await world('Before');
    expect((await api.as(w.ada).patch(`/orgs/${w.orgId}`, { name: 'After' })).status).toBe(200);
    const r = await del(w.ada, w.orgId, { confirm: 'Before' });
    expect(r.body.code).toBe('confirmation_mismatch');
    expect((await del(w.ada, w.orgId, { confirm: 'After' })).status).toBe(204);
  });
});

describe('at once, for everyone', () => {
  it('the org answers 404 on every route, to its admin, its member and an outsider; a second DELETE answers 404', async () => {
    const w = await world();
    const teamId = (await api.as(w.ada).post(`/orgs/${w.orgId}/teams`, { name: 'Ops' })).body.team.teamId as string;
    const r = await del(w.ada, w.orgId, { confirm: w.name });
    expect(r.status).toBe(204);

    const o = `/orgs/${w.orgId}`;
    for (const who of [w.ada, w.mo, w.outsider]) {
      const answers = [
        await api.as(who).get(o),
        await api.as(who).patch(o, { name: 'Zombie' }),
        await api.as(who).get(`${o}/members`),
        await api.as(who).patch(`${o}/members/${w.mo.userId}`, { role: 'viewer' }),
        await api.as(who).delete(`${o}/members/${w.mo.userId}`),
        await api.as(who).get(`${o}/invitations`),
        await api.as(who).get(`${o}/invitations/${w.invitationId}`),
        await api.as(who).post(`${o}/invitations/${w.invitationId}/resend`),
        await api.as(who).post(`${o}/invitations/${w.invitationId}/revoke`),
        await api.invite(who, w.orgId, { emails: `late.${Math.random().toString(36).slice(2)}@example.com` }),
        await api.as(who).get(`${o}/teams`),
        await api.as(who).post(`${o}/teams`, { name: 'New' }),
        await api.as(who).patch(`${o}/teams/${teamId}`, { name: 'X' }),
        await api.as(who).delete(`${o}/teams/${teamId}`),
        await api.as(who).put(`${o}/teams/${teamId}/members/${w.mo.userId}`),
        await api.as(who).get(`${o}/audit`),
        await api.as(who).put(`${o}/primary-contact`, { userId: w.mo.userId }),
        await api.as(who).post(`${o}/leave`),
        await api.as(who).post(`${o}/join`),
        await del(who, w.orgId, { confirm: w.name }),
      ];
      expect(answers.map((a) => `${a.status} ${a.body?.code}`)).toEqual(answers.map(() => '404 org_not_found'));
      const mine = (await api.as(who).get('/me/organizations')).body.items as { orgId: string }[];
      expect(mine.map((m) => m.orgId)).not.toContain(w.orgId);
    }
  });

  it('every invitation link of it answers revoked: preview, accept, decline', async () => {
    const w = await world();
    const accepted = await api.invite(w.ada, w.orgId, { emails: (await api.user('Acc')).email });
    expect(accepted.status).toBe(201);
    expect((await del(w.ada, w.orgId, { confirm: w.name })).status).toBe(204);

    const preview = await api.request('GET', `/invitations/preview?token=${encodeURIComponent(w.token)}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ orgId: w.orgId, status: 'revoked', canRequestNew: false });
    const accept = await api.as(w.invitee).post('/invitations/accept', { token: w.token });
    expect([accept.status, accept.body.code]).toEqual([410, 'invitation_revoked']);
    const decline = await api.as(w.invitee).post('/invitations/decline', { token: w.token });
    expect([decline.status, decline.body.code]).toEqual([410, 'invitation_revoked']);
    // the signed-in path (/me) neither lists nor accepts it
    const mine = await api.as(w.invitee).get('/me/invitations');
    expect(mine.body.items.map((i: { invitationId: string }) => i.invitationId)).not.toContain(w.invitationId);
    const viaMe = await api.as(w.invitee).post(`/me/invitations/${w.invitationId}/accept`);
    expect(viaMe.status).toBe(410);
    expect(viaMe.body.code).toBe('invitation_revoked');
    // and nobody joined
    expect(await db.item(`ORG#${w.orgId}`, `MEMBER#${w.invitee.userId}`)).toBeUndefined();
  });

  it('an invitation email queued before the deletion is not sent after it, nor is its reminder', async () => {
    const w = await world();
    const item = (await db.item(`ORG#${w.orgId}`, `INV#${w.invitationId}`)) as Item;
    expect(item.status).toBe('pending');
    expect((await del(w.ada, w.orgId, { confirm: w.name })).status).toBe(204);

    // the stream record of the invite's write reaches the dispatcher only now
    const result = await dispatcher({ Records: [insertRecord(item)] });
    expect(result.batchItemFailures).toEqual([]);
    // the reminder and expiry schedules fire anyway (until the cleanup cancels them): both do nothing
    await api.setClock(0);
    expect(await reminderWorker({ kind: 'reminder', orgId: w.orgId, invitationId: w.invitationId })).toEqual({ outcome: 'skipped' });
    await api.setClock(40 * 86_400);
    try {
      expect(await reminderWorker({ kind: 'expiry', orgId: w.orgId, invitationId: w.invitationId })).toEqual({ outcome: 'skipped' });
    } finally {
      await api.setClock(0);
    }
    expect(await api.stack.ses.emails(w.invitee.email)).toEqual([]);
    const after = (await db.item(`ORG#${w.orgId}`, `INV#${w.invitationId}`)) as Item;
    expect(after.remindedAt).toBeUndefined();
    expect(after.status).toBe('pending');
  });

  it('the org.deleted event is in the audit trail the operator keeps, and the trail itself is kept', async () => {
    const w = await world();
    expect((await del(w.ada, w.orgId, { confirm: w.name })).status).toBe(204);
    const trail = await db.partition(`AUDIT#${w.orgId}`);
    const deleted = trail.filter((i) => i.type === 'org.deleted');
    expect(deleted).toHaveLength(1);
    expect(deleted[0]).toMatchObject({ actor: { userId: w.ada.userId }, target: { orgId: w.orgId }, details: { name: w.name, memberCount: 2 } });
    expect(Number(deleted[0]?.ttl)).toBeGreaterThan(Date.now() / 1000);
    // every event written before the deletion is still there
    expect(trail.some((i) => i.type === 'org.created')).toBe(true);
    expect(trail.some((i) => i.type === 'member.added')).toBe(true);
  });
});

describe('races', () => {
  it('invites racing the deletion land before it or are refused: nothing is written after it', async () => {
    const w = await world();
    const emails = Array.from({ length: 12 }, (_, i) => `race${i}.${Math.random().toString(36).slice(2, 8)}@example.com`);
    const [deletion, ...invites] = await Promise.all([
      // the deletion starts in the middle of the invites
      new Promise((r) => setTimeout(r, 15)).then(() => del(w.ada, w.orgId, { confirm: w.name })),
      ...emails.map((email) => api.invite(w.ada, w.orgId, { emails: email, sendEmail: false })),
    ]);
    expect(deletion?.status).toBe(204);
    const answered = new Map(emails.map((e, i) => [e, `${invites[i]?.status} ${invites[i]?.body?.code ?? ''}`.trim()]));
    for (const a of answered.values()) expect(['201', '404 org_not_found']).toContain(a);
    // an invitation exists exactly for the invites that were told it does
    const items = await db.partition(`ORG#${w.orgId}`);
    const written = new Set(items.filter((i) => i.entity === 'invitation').map((i) => String(i.email)));
    for (const email of emails) expect(written.has(email)).toBe(answered.get(email) === '201');
    // each one that landed did so before the deletion (its write carried the org's condition)
    const tombstone = (await db.item(`ORG#${w.orgId}`, 'ORG')) as Item;
    expect(tombstone.entity).toBe('deleted_org');
  });

  it('accepts racing the deletion: each invitee either joined before it or is told the invitation is revoked', async () => {
    const w = await world();
    const people = await Promise.all(Array.from({ length: 8 }, (_, i) => api.user(`P${i}`)));
    const tokens: string[] = [];
    for (const p of people) {
      const r = await api.invite(w.ada, w.orgId, { emails: p.email, sendEmail: false });
      tokens.push(await db.linkToken(w.orgId, r.body.results[0]!.invitationId!));
    }
    const [deletion, ...accepts] = await Promise.all([
      new Promise((r) => setTimeout(r, 10)).then(() => del(w.ada, w.orgId, { confirm: w.name })),
      ...people.map((p, i) => api.as(p).post('/invitations/accept', { token: tokens[i] })),
    ]);
    expect(deletion?.status).toBe(204);
    for (const [i, a] of accepts.entries()) {
      const joined = Boolean(await db.item(`ORG#${w.orgId}`, `MEMBER#${people[i]?.userId}`));
      expect(`${a.status} ${a.body?.code ?? ''}`.trim()).toBe(joined ? '200' : '410 invitation_revoked');
    }
  });

  it('two admins deleting at once: one 204, the other 404', async () => {
    const w = await world();
    const bea = await api.user('Bea');
    await db.join(w.ada, w.orgId, bea, 'admin');
    const answers = await Promise.all([del(w.ada, w.orgId, { confirm: w.name }), del(bea, w.orgId, { confirm: w.name })]);
    expect(answers.map((a) => a.status).sort()).toEqual([204, 404]);
    expect((await db.partition(`AUDIT#${w.orgId}`)).filter((i) => i.type === 'org.deleted')).toHaveLength(1);
  });
});

/**
 * An org with something of every kind: 150 members seeded straight into the table (with their email
 * claims), a team with a member, pending invitations whose email and schedules went out (the dispatcher
 * ran on their records), auto-join on for a domain, and the org's daily quota counters.
 */
async function fullOrg() {
  const w = await world();
  const teamId = (await api.as(w.ada).post(`/orgs/${w.orgId}/teams`, { name: 'Ops' })).body.team.teamId as string;
  expect((await api.as(w.ada).put(`/orgs/${w.orgId}/teams/${teamId}/members/${w.mo.userId}`)).status).toBe(204);
  await seedMembers(api.stack, w.orgId, 150, { userId: w.ada.userId, name: w.ada.name });
  const more = await api.invite(w.ada, w.orgId, { emails: [1, 2, 3].map((i) => `p${i}.${Math.random().toString(36).slice(2, 8)}@example.com`) });
  expect(more.status, JSON.stringify(more.body)).toBe(201);
  // invites first: allowed domains restrict them too
  const domain = `d${Math.random().toString(36).slice(2, 8)}.example.org`;
  expect((await api.as(w.ada).patch(`/orgs/${w.orgId}`, { allowedDomains: [domain], autoJoin: { enabled: true, role: 'member' } })).status).toBe(200);
  const invitationIds = [w.invitationId, ...more.body.results.map((r) => r.invitationId)] as string[];
  for (const id of invitationIds) {
    const res = await dispatcher({ Records: [insertRecord((await db.item(`ORG#${w.orgId}`, `INV#${id}`)) as Item)] });
    expect(res.batchItemFailures).toEqual([]);
  }
  return { ...w, domain, teamId, invitationIds };
}

/** What is left of the org, everywhere the table keeps it. */
async function remains(w: Awaited<ReturnType<typeof fullOrg>>) {
  const partition = await db.partition(`ORG#${w.orgId}`);
  const schedules = (await api.stack.scheduler.pending()).filter((s) => w.invitationIds.some((id) => s.name.endsWith(id)));
  return {
    partition,
    kinds: [...new Set(partition.map((i) => String(i.entity)))].sort(),
    autoJoin: (await db.partition(`AUTOJOIN#${w.domain}`)).filter((i) => i.orgId === w.orgId).length,
    quota: (await db.partition(`QUOTA#${w.orgId}`)).length,
    audit: (await db.partition(`AUDIT#${w.orgId}`)).length,
    schedules: schedules.length,
  };
}

async function deleteAndRecord(w: { ada: User; orgId: string; name: string }) {
  const before = (await db.item(`ORG#${w.orgId}`, 'ORG')) as Item;
  expect((await del(w.ada, w.orgId, { confirm: w.name })).status).toBe(204);
  return modifyRecord(before, (await db.item(`ORG#${w.orgId}`, 'ORG')) as Item);
}

function expectCleanedUp(left: Awaited<ReturnType<typeof remains>>, auditBefore: number) {
  // the tombstone alone, without counters, settings or its place among unfinished deletions, expiring with the audit trail
  expect(left.kinds).toEqual(['deleted_org']);
  expect(left.partition).toHaveLength(1);
  const [tombstone] = left.partition as Item[];
  expect(tombstone).not.toHaveProperty('memberCount');
  expect(tombstone).not.toHaveProperty('pendingCount');
  expect(tombstone).not.toHaveProperty('settings');
  expect(tombstone).not.toHaveProperty('GSI1PK');
  expect(Number(tombstone?.ttl)).toBeGreaterThan(Date.now() / 1000);
  expect([left.autoJoin, left.quota, left.schedules]).toEqual([0, 0, 0]);
  // the audit trail is kept whole, with org.deleted in it
  expect(left.audit).toBe(auditBefore + 1);
}

describe("the cleanup job (the stream dispatcher, on the tombstone's record)", () => {
  it('removes members, team memberships, teams, invitations, claims, schedules and counters; keeps the audit trail', async () => {
    const w = await fullOrg();
    const before = await remains(w);
    // what there is to remove, so the assertions below cannot pass on an empty org
    expect(before.kinds).toEqual(expect.arrayContaining(['email_claim', 'invitation', 'member', 'org', 'team', 'team_member']));
    expect(before.partition.length).toBeGreaterThan(300);
    expect([before.autoJoin, before.schedules]).toEqual([1, 8]);
    expect(before.quota).toBeGreaterThan(0);

    const record = await deleteAndRecord(w);
    expect((await dispatcher({ Records: [record] })).batchItemFailures).toEqual([]);
    expectCleanedUp(await remains(w), before.audit);
    // the members' lists no longer know the org, and its link no longer names an invitation
    expect((await api.as(w.mo).get('/me/organizations')).body.items).toEqual([]);
    expect((await api.request('GET', `/invitations/preview?token=${encodeURIComponent(w.token)}`)).status).toBe(404);
    // a repeat of the record (the stream delivers at least once) finds nothing to do
    expect((await dispatcher({ Records: [record] })).batchItemFailures).toEqual([]);
    expectCleanedUp(await remains(w), before.audit);
  });

  it('a crash at any point of the cleanup is finished by the retry of the same record', async () => {
    attachFaults(api.stack.clients.dynamodb);
    // how many DynamoDB calls a whole cleanup makes, on an org of the same shape
    const measured = await fullOrg();
    const record = await deleteAndRecord(measured);
    const whole = new FaultPlan({});
    expect((await runWithFaults(whole, () => dispatcher({ Records: [record] }))).batchItemFailures).toEqual([]);
    const total = whole.calls();
    expect(total).toBeGreaterThan(5);

    for (const [atCall, afterSend] of [
      [2, false],
      [Math.floor(total / 2), true],
      [total - 1, false],
      [total, true],
    ] as const) {
      const w = await fullOrg();
      const auditBefore = (await remains(w)).audit;
      const rec = await deleteAndRecord(w);
      const crashed = await runWithFaults(new FaultPlan({ crash: { atCall, afterSend } }), () => dispatcher({ Records: [rec] }));
      // the record failed, so the stream hands it over again
      expect(crashed.batchItemFailures, `crash at call ${atCall}`).toHaveLength(1);
      expect((await dispatcher({ Records: [rec] })).batchItemFailures).toEqual([]);
      expectCleanedUp(await remains(w), auditBefore);
    }
  });

  it('out of time, a round hands the rest to the next through the tombstone, which lists it as unfinished until then', async () => {
    const w = await fullOrg();
    await deleteAndRecord(w);
    const { cleanupDeletedOrg } = await import('../../shared/domain/orgs/cleanup-deleted-org.ts');
    const { cleanupDeps } = await import('../../functions/workers/worker-runtime.ts');
    const { deletionSweepDeps } = await import('../../functions/workers/job-deps.ts');
    const deps = cleanupDeps();
    const { deletions } = deletionSweepDeps();
    expect((await deletions.unfinished(100)).map((d) => d.orgId)).toContain(w.orgId);
    // a deadline already passed: nothing is removed, another round is asked for
    expect(await cleanupDeletedOrg(deps, w.orgId, 0)).toEqual({ outcome: 'continued', removed: 0 });
    const touched = (await db.item(`ORG#${w.orgId}`, 'ORG')) as Item;
    expect(touched.cleanupRounds).toBe(1);
    // that write's stream record is the next round
    const next = modifyRecord(touched, touched);
    expect((await dispatcher({ Records: [next] })).batchItemFailures).toEqual([]);
    expect((await remains(w)).kinds).toEqual(['deleted_org']);
    expect((await deletions.unfinished(100)).map((d) => d.orgId)).not.toContain(w.orgId);
  });

  it('a cleanup whose stream record was given up is resumed by the sweep once it is stalled; one in progress, or resumed by another sweep, is left alone', async () => {
    const { cleanupDeletedOrg } = await import('../../shared/domain/orgs/cleanup-deleted-org.ts');
    const { cleanupDeps } = await import('../../functions/workers/worker-runtime.ts');
    const { STALLED_AFTER_MS } = await import('../../shared/domain/orgs/resume-stalled-deletions.ts');
    const deps = cleanupDeps();
    const stalled = await fullOrg();
    const running = await fullOrg();
    const auditBefore = (await remains(stalled)).audit;
    // the stalled org's tombstone record never reaches the dispatcher (the stream gave it up); the other's cleanup is under way
    await deleteAndRecord(stalled);
    await deleteAndRecord(running);
    const { deletionSweepDeps } = await import('../../functions/workers/job-deps.ts');
    const { resumeStalledDeletions } = await import('../../shared/domain/orgs/resume-stalled-deletions.ts');
    const sweep = async () => (await resumeStalledDeletions(deletionSweepDeps())).resumed;
    try {
      // fresh deletions are nobody's to resume: their records may still be retried by the stream
      const early = await sweep();
      expect(early).not.toContain(stalled.orgId);
      expect(early).not.toContain(running.orgId);

      await api.setClock(STALLED_AFTER_MS / 1000 + 60);
      // a round of the running cleanup runs out of time now: it asked for the next round a moment ago
      expect(await cleanupDeletedOrg(deps, running.orgId, 0)).toMatchObject({ outcome: 'continued' });
      const before = (await db.item(`ORG#${stalled.orgId}`, 'ORG')) as Item;
      // two sweeps at once (the deployed rule's invocation of the reminder function, and another) resume it once
      const [byRule, other] = await Promise.all([reminderWorker({ kind: 'resume-org-deletions' }), sweep()]);
      expect(byRule.outcome).toMatch(/^resumed \d+, in progress \d+$/);
      expect(other).not.toContain(running.orgId);
      const touched = (await db.item(`ORG#${stalled.orgId}`, 'ORG')) as Item;
      expect(touched.cleanupRounds).toBe(1);
      expect(Date.parse(String(touched.cleanupRequestedAt))).toBeGreaterThan(Date.parse(String(before.deletedAt)) + STALLED_AFTER_MS);
      expect(((await db.item(`ORG#${running.orgId}`, 'ORG')) as Item).cleanupRounds).toBe(1);

      // the touch's stream record is the dispatcher's next round: the org is cleaned up from what was left
      expect((await dispatcher({ Records: [modifyRecord(before, touched)] })).batchItemFailures).toEqual([]);
      expectCleanedUp(await remains(stalled), auditBefore);
      const unfinished = (await deletionSweepDeps().deletions.unfinished(100)).map((d) => d.orgId);
      expect(unfinished).not.toContain(stalled.orgId);
      expect(unfinished).toContain(running.orgId);
      // finished: a later sweep, even much later, has nothing of it to resume
      await api.setClock((3 * STALLED_AFTER_MS) / 1000);
      expect(await sweep()).not.toContain(stalled.orgId);
    } finally {
      await api.setClock(0);
    }
  });
});
