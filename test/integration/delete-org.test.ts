import { beforeAll, describe, expect, it } from 'vitest';
import { handler as dispatcher } from '../../functions/workers/dispatcher.ts';
import { handler as reminderWorker } from '../../functions/workers/reminder.ts';
import { direct } from '../helpers/direct.ts';
import { deletionWorld, type Item, insertRecord } from '../helpers/org-deletion.ts';
import { useStack } from '../helpers/stack.ts';

/**
 * DELETE /orgs/{orgId}: what is true the moment it answers. The stack's stream poller is stopped so
 * that "an email queued before the deletion, dispatched after it" can be staged exactly: the test
 * hands the dispatcher the stream record the invitation's write made, after the org is deleted.
 */
const api = useStack();
const db = direct(api);
const { world, del } = deletionWorld(api, db);

beforeAll(async () => {
  await api.stack.poller.stop();
});

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

    const o = `/orgs/${w.orgId}` as const;
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
