import { describe, expect, it } from 'vitest';
import type { DomainError } from '../../shared/domain/errors.ts';
import { resolveRecipients } from '../../shared/domain/invitations/recipients.ts';
import { planMemberChange } from '../../shared/domain/members/member-rules.ts';
import { primaryContactAfter } from '../../shared/domain/members/write-member-change.ts';
import type { Org } from '../../shared/domain/model.ts';
import { requireKnownProducts } from '../../shared/domain/orgs/products.ts';
import { defaultSettings } from '../../shared/domain/orgs/settings.ts';
import { activeMember } from '../helpers/domain-fixtures.ts';

const member = activeMember;
const org = (products?: { key: string; name: string }[]): Org => ({
  orgId: 'org_1',
  name: 'Acme',
  plan: 'standard',
  settings: { ...defaultSettings, ...(products ? { products } : {}) },
  memberCount: 1,
  adminCount: 1,
  pendingCount: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
  version: 1,
});
const thrown = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('did not throw');
};

describe('the primary contact when a member stops being active', () => {
  it('is cleared when the primary contact is removed, leaves or is suspended', () => {
    expect(primaryContactAfter(member(), null, 'u1')).toBe('clear');
    expect(primaryContactAfter(member(), member({ status: 'suspended' }), 'u1')).toBe('clear');
  });

  it('any other deactivation asserts the member is not the primary contact, so a concurrent move is caught', () => {
    expect(primaryContactAfter(member(), null, 'u2')).toBe('not_this_member');
    expect(primaryContactAfter(member(), null, undefined)).toBe('not_this_member');
  });

  it('changes that keep the member active (a role change, a reactivation) do not touch it', () => {
    expect(primaryContactAfter(member(), member({ role: 'admin' }), 'u1')).toBeUndefined();
    expect(primaryContactAfter(member({ status: 'suspended' }), member(), 'u1')).toBeUndefined();
  });
});

describe('invitees as primary contact', () => {
  it('one invitee may be the primary contact, next to colleagues without it', () => {
    const r = resolveRecipients({ role: 'member', invitees: [{ email: 'A@x.com', primaryContact: true }, { email: 'b@x.com' }] });
    expect(r.map((x) => [x.email, x.primaryContact ?? false])).toEqual([
      ['a@x.com', true],
      ['b@x.com', false],
    ]);
  });

  it('two in one request is a validation error', () => {
    const e = thrown(() =>
      resolveRecipients({
        role: 'member',
        invitees: [
          { email: 'a@x.com', primaryContact: true },
          { email: 'b@x.com', primaryContact: true },
        ],
      }),
    );
    expect([e.kind, e.code]).toEqual(['validation', 'validation_failed']);
  });
});

describe('product keys', () => {
  it("must be among the org's products; an org without products accepts none", () => {
    expect(() => requireKnownProducts(org([{ key: 'docs', name: 'Docs' }]), ['docs'])).not.toThrow();
    expect(thrown(() => requireKnownProducts(org([{ key: 'docs', name: 'Docs' }]), ['docs', 'crm'])).code).toBe('unknown_products');
    expect(thrown(() => requireKnownProducts(org(), ['docs'])).code).toBe('unknown_products');
    expect(() => requireKnownProducts(org(), undefined)).not.toThrow();
  });

  it('a change of products is one audit event with from and to; the same products again is none', () => {
    const { after, changes } = planMemberChange(member({ products: ['docs'] }), { products: ['billing'] });
    expect(after.products).toEqual(['billing']);
    expect(changes).toEqual([{ type: 'member.products_changed', details: { from: ['docs'], to: ['billing'] } }]);
    expect(planMemberChange(member({ products: ['docs'] }), { products: ['docs'] }).changes).toEqual([]);
  });
});
