import { describe, expect, it } from 'vitest';
import { direct } from '../helpers/direct.ts';
import { type User, useStack } from '../helpers/stack.ts';

const api = useStack();
const db = direct(api);

const PRODUCTS = [
  { key: 'docs', name: 'Documents' },
  { key: 'billing', name: 'Billing' },
];

async function accept(orgId: string, invitationId: string, user: User) {
  const token = await db.linkToken(orgId, invitationId);
  const r = await api.as(user).post('/invitations/accept', { token });
  if (r.status !== 200) throw new Error(`accept: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

/** Pat invited with docs and billing, Sam with docs only, both silently. */
async function invitePatAndSam(admin: User, orgId: string) {
  const [pat, sam] = [await api.user('Pat'), await api.user('Sam')];
  const inv = await api.invite(admin, orgId, {
    invitees: [
      { email: pat.email, products: ['docs', 'billing'] },
      { email: sam.email, products: ['docs'] },
    ],
    sendEmail: false,
  });
  return { pat, sam, inv };
}

async function orgWithProducts() {
  const admin = await api.user('Provider');
  const { orgId } = await api.createOrg(admin, { name: 'Client Co' });
  const set = await api.as(admin).patch(`/orgs/${orgId}`, { products: PRODUCTS });
  if (set.status !== 200) throw new Error(`products: ${set.status} ${JSON.stringify(set.body)}`);
  return { admin, orgId };
}

const productsOf = (items: { userId: string; products?: string[] | undefined }[]) => Object.fromEntries(items.map((m) => [m.userId, m.products ?? null]));

describe('product access', () => {
  it('an org defines its products in its settings', async () => {
    const { admin, orgId } = await orgWithProducts();

    const org = await api.as(admin).get(`/orgs/${orgId}`);

    expect(org.body.org.settings.products).toEqual(PRODUCTS);
  });

  it('a product key names one product: listing a key twice is a 400', async () => {
    const admin = await api.user('Provider');
    const { orgId } = await api.createOrg(admin);

    const res = await api.as(admin).patch(`/orgs/${orgId}`, {
      products: [
        { key: 'docs', name: 'A' },
        { key: 'docs', name: 'B' },
      ],
    });

    expect(res.status).toBe(400);
  });

  it('invitees get the products named in the invitation when they accept, and member lists show them', async () => {
    // Prepare
    const { admin, orgId } = await orgWithProducts();

    // Act
    const { pat, sam, inv } = await invitePatAndSam(admin, orgId);
    const accepted = await accept(orgId, inv.body.results[0]!.invitationId!, pat);
    await accept(orgId, inv.body.results[1]!.invitationId!, sam);

    // Assess
    expect(inv.status).toBe(201);
    expect(accepted.body.membership.products).toEqual(['docs', 'billing']);
    const members = await api.as(admin).get(`/orgs/${orgId}/members`);
    expect(productsOf(members.body.items)).toEqual({ [admin.userId]: null, [pat.userId]: ['docs', 'billing'], [sam.userId]: ['docs'] });
  });

  it('GET /orgs/{orgId}/members?product= lists the members with access to that product', async () => {
    const { admin, orgId } = await orgWithProducts();
    const { pat, sam, inv } = await invitePatAndSam(admin, orgId);
    await accept(orgId, inv.body.results[0]!.invitationId!, pat);
    await accept(orgId, inv.body.results[1]!.invitationId!, sam);

    const billing = await api.as(admin).get(`/orgs/${orgId}/members?product=billing`);
    const docs = await api.as(admin).get(`/orgs/${orgId}/members?product=docs&limit=1`);
    const docsNext = await api.as(admin).get(`/orgs/${orgId}/members?product=docs&limit=1&cursor=${encodeURIComponent(docs.body.nextCursor!)}`);

    expect(billing.body.items.map((m: { userId: string }) => m.userId)).toEqual([pat.userId]);
    expect([...docs.body.items, ...docsNext.body.items].map((m: { userId: string }) => m.userId).sort()).toEqual([pat.userId, sam.userId].sort());
  });

  it('an unknown product key in an invitation is a 400 and invites nobody', async () => {
    const { admin, orgId } = await orgWithProducts();

    const res = await api.invite(admin, orgId, {
      invitees: [
        { email: 'a@example.com', products: ['docs'] },
        { email: 'b@example.com', products: ['crm'] },
      ],
    });

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('unknown_products');
    expect((await api.as(admin).get(`/orgs/${orgId}/invitations`)).body.items).toEqual([]);
  });

  it('an org without products accepts no product keys, and never requires them', async () => {
    const admin = await api.user('Provider');
    const { orgId } = await api.createOrg(admin);
    const bob = await api.user('Bob');

    const withKeys = await api.invite(admin, orgId, { invitees: [{ email: 'a@example.com', products: ['docs'] }] });
    const without = await api.invite(admin, orgId, { emails: bob.email, sendEmail: false });
    const accepted = await accept(orgId, without.body.results[0]!.invitationId!, bob);

    expect([withKeys.status, withKeys.body.code]).toEqual([400, 'unknown_products']);
    expect(without.status).toBe(201);
    expect(accepted.body.membership).not.toHaveProperty('products');
  });

  it("an admin changes a member's products with PATCH (audited); unknown keys are a 400", async () => {
    const { admin, orgId } = await orgWithProducts();
    const pat = await api.user('Pat');
    const inv = await api.invite(admin, orgId, { invitees: [{ email: pat.email, products: ['docs'] }], sendEmail: false });
    await accept(orgId, inv.body.results[0]!.invitationId!, pat);

    const changed = await api.as(admin).patch(`/orgs/${orgId}/members/${pat.userId}`, { products: ['billing'] });
    const unknown = await api.as(admin).patch(`/orgs/${orgId}/members/${pat.userId}`, { products: ['crm'] });
    const byMember = await api.as(pat).patch(`/orgs/${orgId}/members/${pat.userId}`, { products: ['docs', 'billing'] });

    expect(changed.status).toBe(200);
    expect(changed.body.member.products).toEqual(['billing']);
    expect([unknown.status, unknown.body.code]).toEqual([400, 'unknown_products']);
    expect(byMember.status).toBe(403);
    const members = await api.as(admin).get(`/orgs/${orgId}/members?product=billing`);
    expect(members.body.items.map((m: { userId: string }) => m.userId)).toEqual([pat.userId]);
    const audit = await api.as(admin).get(`/orgs/${orgId}/audit?type=member.products_changed`);
    expect(audit.body.items[0]).toMatchObject({ target: { userId: pat.userId }, details: { from: ['docs'], to: ['billing'] } });
  });
});
