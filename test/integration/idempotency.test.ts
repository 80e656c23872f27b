import { afterEach, describe, expect, it } from 'vitest';
import type { Deps } from '../../shared/ports.ts';
import { direct } from '../helpers/direct.ts';
import { domainOrg } from '../helpers/members.ts';
import { useStack } from '../helpers/stack.ts';

const api = useStack();
const db = direct(api);

const unique = () => Math.random().toString(36).slice(2, 10);
const key = () => `key-${unique()}`;

async function auditTypes(admin: { token: string }, orgId: string, type: string) {
  const res = await api.as(admin).get(`/orgs/${orgId}/audit?type=${type}&limit=200`);
  return res.body.items as { type: string; target: { email?: string } }[];
}

afterEach(async () => {
  await api.setClock(0);
});

describe('Idempotency-Key on creating routes', { timeout: 120_000 }, () => {
  it('a repeated POST /orgs with the same key and body returns the first response and creates nothing more', async () => {
    // Prepare
    const ada = await api.user('Ada');
    const k = key();

    // Act
    const first = await api.as(ada).post('/orgs', { name: 'Acme' }, { 'idempotency-key': k });
    const again = await api.as(ada).post('/orgs', { name: 'Acme' }, { 'idempotency-key': k });

    // Assess
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const memberships = await db.partition(`ORG#${first.body.org.orgId}`);
    expect(memberships.filter((i) => i.entity === 'member')).toHaveLength(1);
  });

  it('a replayed invitation request sends no second invitation and writes no second audit event', async () => {
    const ada = await api.user('Ada');
    const org = await api.createOrg(ada);
    const body = { emails: ['bob@example.com', 'carol@example.com'], role: 'member', sendEmail: false };
    const k = key();

    const first = await api.as(ada).post(`/orgs/${org.orgId}/invitations`, body, { 'idempotency-key': k });
    // the same data with its keys in another order is the same request
    const again = await api.as(ada).post(`/orgs/${org.orgId}/invitations`, { sendEmail: false, role: 'member', emails: body.emails }, { 'idempotency-key': k });

    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await auditTypes(ada, org.orgId, 'invitation.sent')).toHaveLength(2);
    expect((await api.as(ada).get(`/orgs/${org.orgId}`)).body.org.counts.pendingInvitations).toBe(2);
  });

  it('a replayed join answers the first membership instead of "already a member"', async () => {
    const { org, cole } = await domainOrg(api, 'member');
    const k = key();

    const first = await api.as(cole).post(`/orgs/${org.orgId}/join`, {}, { 'idempotency-key': k });
    const again = await api.as(cole).post(`/orgs/${org.orgId}/join`, {}, { 'idempotency-key': k });
    const withoutKey = await api.as(cole).post(`/orgs/${org.orgId}/join`);

    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect([withoutKey.status, withoutKey.body.code]).toEqual([409, 'already_member']);
  });

  it('the same key with a different body is refused with 422 idempotency_key_reused', async () => {
    const ada = await api.user('Ada');
    const k = key();

    await api.as(ada).post('/orgs', { name: 'Acme' }, { 'idempotency-key': k });
    const reused = await api.as(ada).post('/orgs', { name: 'Other' }, { 'idempotency-key': k });

    expect([reused.status, reused.body.code]).toEqual([422, 'idempotency_key_reused']);
  });

  it('the same key on another route is a different request: 422', async () => {
    const ada = await api.user('Ada');
    const org = await api.createOrg(ada);
    const k = key();

    await api.as(ada).post(`/orgs/${org.orgId}/invitations`, { emails: 'x@example.com', sendEmail: false }, { 'idempotency-key': k });
    const reused = await api.as(ada).post('/orgs', { emails: 'x@example.com', sendEmail: false }, { 'idempotency-key': k });

    expect([reused.status, reused.body.code]).toEqual([422, 'idempotency_key_reused']);
  });

  it('keys belong to their caller: another user with the same key and body gets their own result', async () => {
    const ada = await api.user('Ada');
    const bob = await api.user('Bob');
    const k = key();

    const a = await api.as(ada).post('/orgs', { name: 'Acme' }, { 'idempotency-key': k });
    const b = await api.as(bob).post('/orgs', { name: 'Acme' }, { 'idempotency-key': k });

    expect(b.status).toBe(201);
    expect(b.body.org.orgId).not.toBe(a.body.org.orgId);
    expect(b.headers.get('idempotent-replayed')).toBeNull();
  });

  it('a concurrent duplicate is 409 while the first is running, and gets the first response once it is done', async () => {
    // Prepare: hold the first request inside its write so the duplicate arrives while it runs
    const ada = await api.user('Ada');
    const deps = api.stack.runtime.deps as Deps;
    const original = deps.orgs.create;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let entered!: () => void;
    const inside = new Promise<void>((r) => {
      entered = r;
    });
    deps.orgs.create = async (...args) => {
      entered();
      await gate;
      return original.apply(deps.orgs, args);
    };
    const k = key();

    try {
      // Act
      const first = api.as(ada).post('/orgs', { name: 'Acme' }, { 'idempotency-key': k });
      await inside;
      const duplicates = await Promise.all([1, 2, 3].map(() => api.as(ada).post('/orgs', { name: 'Acme' }, { 'idempotency-key': k })));
      release();
      const done = await first;
      const later = await api.as(ada).post('/orgs', { name: 'Acme' }, { 'idempotency-key': k });

      // Assess
      expect(duplicates.map((r) => [r.status, r.body.code])).toEqual([
        [409, 'idempotency_in_progress'],
        [409, 'idempotency_in_progress'],
        [409, 'idempotency_in_progress'],
      ]);
      expect(done.status).toBe(201);
      expect(later.body).toEqual(done.body);
    } finally {
      deps.orgs.create = original;
      release();
    }
  });

  it('of many identical requests racing with one key, exactly one does the work', async () => {
    const ada = await api.user('Ada');
    const org = await api.createOrg(ada);
    const k = key();
    const body = { emails: 'racer@example.com', sendEmail: false };

    const results = await Promise.all(Array.from({ length: 8 }, () => api.as(ada).post(`/orgs/${org.orgId}/invitations`, body, { 'idempotency-key': k })));

    expect(results.every((r) => r.status === 201 || (r.status === 409 && r.body.code === 'idempotency_in_progress'))).toBe(true);
    expect(results.filter((r) => r.status === 201 && r.headers.get('idempotent-replayed') === null)).toHaveLength(1);
    expect(await auditTypes(ada, org.orgId, 'invitation.sent')).toHaveLength(1);
  });

  it('a refused first request does not hold the key: the retry runs for real', async () => {
    const { ada, org, cole } = await domainOrg(api);
    const k = key();

    const refused = await api.as(cole).post(`/orgs/${org.orgId}/join`, {}, { 'idempotency-key': k });
    await api.as(ada).patch(`/orgs/${org.orgId}`, { autoJoin: { enabled: true, role: 'member' } });
    const retried = await api.as(cole).post(`/orgs/${org.orgId}/join`, {}, { 'idempotency-key': k });

    expect([refused.status, refused.body.code]).toEqual([403, 'auto_join_disabled']);
    expect(retried.status).toBe(200);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
  });

  it('a key is remembered for 24 hours, then it may be used again', async () => {
    const ada = await api.user('Ada');
    const k = key();

    const first = await api.as(ada).post('/orgs', { name: 'Acme' }, { 'idempotency-key': k });
    await api.setClock(23 * 3600);
    const within = await api.as(ada).post('/orgs', { name: 'Other' }, { 'idempotency-key': k });
    await api.setClock(24 * 3600 + 1);
    const after = await api.as(ada).post('/orgs', { name: 'Other' }, { 'idempotency-key': k });

    expect(within.status).toBe(422);
    expect(after.status).toBe(201);
    expect(after.body.org.orgId).not.toBe(first.body.org.orgId);
  });

  it('the record expires through the table TTL 24 hours after the first request', async () => {
    const ada = await api.user('Ada');
    const k = key();

    await api.as(ada).post('/orgs', { name: 'Acme' }, { 'idempotency-key': k });
    const record = await db.item(`IDEM#${ada.userId}#${k}`, 'IDEM');

    expect(record).toMatchObject({ state: 'completed', entity: 'idempotency' });
    expect(Number(record?.ttl)).toBe(Math.floor(Date.parse(String(record?.expiresAt)) / 1000));
    expect(Date.parse(String(record?.expiresAt)) - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
  });

  it('a change whose response could not be stored is still answered; its key is held until the lock passes', async () => {
    // Prepare: the record write after the change fails (a DynamoDB error between the two writes)
    const ada = await api.user('Ada');
    const deps = api.stack.runtime.deps as Deps;
    const original = deps.idempotency.complete;
    deps.idempotency.complete = async () => {
      throw new Error('injected: record not stored');
    };
    const k = key();

    try {
      // Act
      const first = await api.as(ada).post('/orgs', { name: 'Acme' }, { 'idempotency-key': k });
      deps.idempotency.complete = original;
      const duplicate = await api.as(ada).post('/orgs', { name: 'Acme' }, { 'idempotency-key': k });
      await api.setClock(61);
      const afterLock = await api.as(ada).post('/orgs', { name: 'Acme' }, { 'idempotency-key': k });

      // Assess
      expect(first.status).toBe(201);
      expect([duplicate.status, duplicate.body.code]).toEqual([409, 'idempotency_in_progress']);
      expect(afterLock.status).toBe(201);
    } finally {
      deps.idempotency.complete = original;
    }
  });

  it('a malformed key is a 400', async () => {
    const ada = await api.user('Ada');

    const withHash = await api.as(ada).post('/orgs', { name: 'Acme' }, { 'idempotency-key': 'a#b' });
    const tooLong = await api.as(ada).post('/orgs', { name: 'Acme' }, { 'idempotency-key': 'k'.repeat(256) });

    expect(withHash.status).toBe(400);
    expect(tooLong.status).toBe(400);
  });
});
