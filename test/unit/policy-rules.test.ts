import { describe, expect, it } from 'vitest';
import { unknownTypeFilters } from '../../shared/domain/audit/types.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { claimIdempotencyKey, requestFingerprint } from '../../shared/domain/idempotency.ts';
import { autoJoinAdmits, autoJoinIndexOf, domainAllowed, MAX_ALLOWED_DOMAINS, normalizeDomains } from '../../shared/domain/orgs/domains.ts';
import { counterDrift } from '../../shared/domain/orgs/recount.ts';
import type { IdempotencyRecord, IdempotencyStore } from '../../shared/ports.ts';

const on = (allowedDomains: string[]) => ({ allowedDomains, autoJoin: { enabled: true, role: 'member' as const } });

describe('allowed domains', () => {
  it('are trimmed, lower-cased, stripped of a trailing dot and deduplicated', () => {
    expect(normalizeDomains([' Acme.COM ', 'acme.com.', 'EU.acme.com'])).toEqual(['acme.com', 'eu.acme.com']);
  });

  it('refuse a Unicode domain and point to its punycode form', () => {
    const error = (() => {
      try {
        normalizeDomains(['acme.com', 'bücher.de']);
      } catch (e) {
        return e as DomainError;
      }
    })();
    expect(error).toBeInstanceOf(DomainError);
    expect(error?.extra.errors?.[0]).toMatchObject({ path: 'allowedDomains.1' });
    expect(error?.message).toMatch(/punycode/);
    expect(normalizeDomains(['xn--bcher-kva.de'])).toEqual(['xn--bcher-kva.de']);
  });

  it(`refuse more than ${MAX_ALLOWED_DOMAINS} domains`, () => {
    const many = Array.from({ length: MAX_ALLOWED_DOMAINS + 1 }, (_, i) => `d${i}.com`);
    expect(() => normalizeDomains(many)).toThrow(DomainError);
    expect(normalizeDomains(many.slice(1))).toHaveLength(MAX_ALLOWED_DOMAINS);
  });

  it('match the exact domain of an invitee, never a subdomain or a look-alike', () => {
    expect(domainAllowed(['acme.com'], 'bob@acme.com')).toBe(true);
    expect(domainAllowed(['acme.com'], 'bob@eu.acme.com')).toBe(false);
    expect(domainAllowed(['acme.com'], 'bob@notacme.com')).toBe(false);
    expect(domainAllowed(['acme.com'], 'bob@acme.com.evil.io')).toBe(false);
    expect(domainAllowed([], 'anyone@anywhere.io')).toBe(true);
  });
});

describe('auto-join', () => {
  it('admits only a listed domain while enabled', () => {
    expect(autoJoinAdmits(on(['acme.com']), 'cole@acme.com')).toBe(true);
    expect(autoJoinAdmits(on(['acme.com']), 'cole@eu.acme.com')).toBe(false);
    expect(autoJoinAdmits({ ...on(['acme.com']), autoJoin: { enabled: false, role: 'member' } }, 'cole@acme.com')).toBe(false);
  });

  it('never admits anyone through an empty list, unlike invitations', () => {
    expect(autoJoinAdmits(on([]), 'cole@acme.com')).toBe(false);
  });

  it('is indexed under each allowed domain only while enabled', () => {
    expect(autoJoinIndexOf(on(['a.com', 'b.com']))).toEqual(['a.com', 'b.com']);
    expect(autoJoinIndexOf({ ...on(['a.com']), autoJoin: { enabled: false, role: 'viewer' } })).toEqual([]);
  });
});

describe('audit type filters', () => {
  it('accept the contract types and their prefixes, nothing else', () => {
    expect(unknownTypeFilters(['invitation.sent', 'member.*', 'team.member_added', 'user.erased'])).toEqual([]);
    expect(unknownTypeFilters(['invitation.sent_twice', 'billing.*', '*', 'org'])).toEqual(['invitation.sent_twice', 'billing.*', '*', 'org']);
  });
});

describe('idempotency', () => {
  it('treats the same JSON with another key order or spacing as the same request', () => {
    const a = requestFingerprint({ method: 'POST', path: '/orgs', body: '{"name":"Acme","plan":"standard"}' });
    const b = requestFingerprint({ method: 'POST', path: '/orgs', body: '{ "plan": "standard", "name": "Acme" }' });
    expect(a).toBe(b);
  });

  it('tells apart another body, another path and another method', () => {
    const base = { method: 'POST', path: '/orgs', body: '{"name":"Acme"}' };
    const fp = requestFingerprint(base);
    expect(requestFingerprint({ ...base, body: '{"name":"Acme2"}' })).not.toBe(fp);
    expect(requestFingerprint({ ...base, path: '/orgs/x/join' })).not.toBe(fp);
    expect(requestFingerprint({ ...base, method: 'PUT' })).not.toBe(fp);
    expect(requestFingerprint({ ...base, body: '{"name":["Acme"]}' })).not.toBe(fp);
  });

  function storeHolding(record: IdempotencyRecord | null) {
    const claims: unknown[] = [];
    const store: IdempotencyStore = {
      claim: async (c) => {
        claims.push(c);
        return record;
      },
      complete: async () => {},
      release: async () => {},
    };
    return { store, claims };
  }
  const clock = { now: () => new Date('2026-01-01T00:00:00.000Z') };
  const req = { callerId: 'u1', key: 'k-1', method: 'POST', path: '/orgs', body: '{"name":"Acme"}' };

  it('claims a new key for 24 hours, locked for a minute', async () => {
    const { store, claims } = storeHolding(null);
    expect(await claimIdempotencyKey({ clock, idempotency: store }, req)).toBeNull();
    expect(claims[0]).toMatchObject({
      now: '2026-01-01T00:00:00.000Z',
      lockedUntil: '2026-01-01T00:01:00.000Z',
      expiresAt: '2026-01-02T00:00:00.000Z',
    });
  });

  it('replays a completed response, refuses another body (422) and a running duplicate (409)', async () => {
    const fingerprint = requestFingerprint(req);
    const response = { statusCode: 201, body: '{"ok":true}' };
    const done = storeHolding({ state: 'completed', fingerprint, response });
    const running = storeHolding({ state: 'in_progress', fingerprint });
    const other = storeHolding({ state: 'completed', fingerprint: 'other', response });

    expect(await claimIdempotencyKey({ clock, idempotency: done.store }, req)).toEqual(response);
    await expect(claimIdempotencyKey({ clock, idempotency: running.store }, req)).rejects.toMatchObject({ kind: 'conflict', code: 'idempotency_in_progress' });
    await expect(claimIdempotencyKey({ clock, idempotency: other.store }, req)).rejects.toMatchObject({
      kind: 'unprocessable',
      code: 'idempotency_key_reused',
    });
  });

  it("refuses keys that could collide with another caller's record", async () => {
    const { store } = storeHolding(null);
    await expect(claimIdempotencyKey({ clock, idempotency: store }, { ...req, key: 'a#b' })).rejects.toMatchObject({ kind: 'validation' });
    await expect(claimIdempotencyKey({ clock, idempotency: store }, { ...req, key: '' })).rejects.toMatchObject({ kind: 'validation' });
  });
});

describe('counter drift', () => {
  it('names each counter that differs from the count of its items', () => {
    expect(counterDrift({ memberCount: 3, adminCount: 1, pendingCount: 5 }, { memberCount: 3, adminCount: 1, pendingCount: 5 })).toEqual([]);
    expect(counterDrift({ memberCount: 3, adminCount: 1, pendingCount: 5 }, { memberCount: 2, adminCount: 1, pendingCount: 6 })).toEqual([
      { counter: 'memberCount', stored: 3, counted: 2 },
      { counter: 'pendingCount', stored: 5, counted: 6 },
    ]);
  });
});
