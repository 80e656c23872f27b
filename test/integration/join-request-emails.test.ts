import { describe, expect, it } from 'vitest';
import { direct } from '../helpers/direct.ts';
import { type User, useStack } from '../helpers/stack.ts';

/**
 * A join request is emailed to the org's admins (issue 23 §2), by the stream dispatcher, read here
 * from the local SES: who is told, what the email says (escaped), once per request, and the guards
 * every invitation email obeys (the org's paused sending, a suppressed address, the daily allowance).
 */
const api = useStack({
  plans: {
    default: 'open',
    plans: {
      open: { pendingInvitations: null, members: null, directAdd: false },
      onemail: {
        pendingInvitations: 50,
        members: 50,
        directAdd: false,
        invitationEmailsPerOrgPerDay: { max: 1, warmUpBase: 1, warmUpPerAcceptedInvitation: 0 },
      },
    },
  },
});
const db = direct(api);

const tokenOf = (url: string) => new URL(url).searchParams.get('token') as string;

/** Ada and Abe administer the org, Mo is a member; a link that requires approval. */
async function orgWithTwoAdmins(name = 'Acme') {
  const ada = await api.user('Ada');
  const org = await api.createOrg(ada, { name });
  const orgId = org.orgId as string;
  const abe = await api.user('Abe');
  const mo = await api.user('Mo');
  await db.join(ada, orgId, abe, 'admin', { sendEmail: false });
  await db.join(ada, orgId, mo, 'member', { sendEmail: false });
  const r = await api.as(ada).post(`/orgs/${orgId}/join-links`, { role: 'viewer', requireApproval: true });
  expect(r.status).toBe(201);
  return { ada, abe, mo, orgId, token: tokenOf(r.body.url) };
}

const ask = (who: User, token: string) => api.as(who).post('/join-links/accept', { token });
/** The join request emails to someone (Ada also hears that Abe and Mo accepted her invitations). */
const toldOf = async (who: User) => (await api.emailsTo(who.email)).filter((m) => m.subject.includes('asks to join'));

describe('join requests are emailed to the admins', () => {
  it('each active admin is told once per request, with a link to the console; members are not; asking again after a denial is a new email', async () => {
    const { ada, abe, mo, orgId, token } = await orgWithTwoAdmins('Acme <Labs> & Co');
    const bob = await api.user('Bob <img src=x>');

    expect((await ask(bob, token)).status).toBe(201);
    const again = await ask(bob, token);
    const [toAda, toAbe, toMo] = [await toldOf(ada), await toldOf(abe), await api.emailsTo(mo.email)];

    expect(again.body.code).toBe('join_request_pending');
    expect(toAda).toHaveLength(1);
    expect(toAbe).toHaveLength(1);
    expect(toMo).toEqual([]);
    const mail = toAda[0] as (typeof toAda)[number];
    expect(mail.subject).toBe(`${bob.email} asks to join Acme <Labs> & Co`);
    expect(mail.text).toContain(`Bob <img src=x> (${bob.email}) used a join link and asks to join Acme <Labs> & Co as a viewer.`);
    expect(mail.text).toContain(`/admin/${orgId}/join-links`);
    // user-supplied names reach the HTML part escaped, inside the shared shell
    expect(mail.html).toContain('Bob &lt;img src=x&gt;');
    expect(mail.html).toContain('Acme &lt;Labs&gt; &amp; Co');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toMatch(/^<!doctype html>/);
    expect(mail.html).toContain(`href="http`);

    const requestId = (await api.as(ada).get(`/orgs/${orgId}/join-requests`)).body.items[0]!.requestId as string;
    expect((await api.as(ada).post(`/orgs/${orgId}/join-requests/${requestId}/deny`)).status).toBe(200);
    expect((await ask(bob, token)).status).toBe(201);

    expect(await toldOf(ada)).toHaveLength(2);
    expect(await toldOf(abe)).toHaveLength(2);
    expect(await api.emailsTo(bob.email)).toEqual([]);
  });

  it("each admin reads the request in their own language (the invitation they joined with), else the org's default", async () => {
    const ada = await api.user('Ada');
    const orgId = (await api.createOrg(ada, { name: 'Acme' })).orgId as string;
    expect((await api.as(ada).patch(`/orgs/${orgId}`, { branding: { defaultLocale: 'es' } })).status).toBe(200);
    const abe = await api.user('Abe');
    await db.join(ada, orgId, abe, 'admin', { locale: 'pt', sendEmail: false });
    const link = await api.as(ada).post(`/orgs/${orgId}/join-links`, { role: 'viewer', requireApproval: true });
    const bob = await api.user('Bob');

    expect((await ask(bob, tokenOf(link.body.url))).status).toBe(201);
    const toAda = (await api.emailsTo(ada.email)).filter((m) => m.subject.includes('pide unirse'));
    const toAbe = (await api.emailsTo(abe.email)).filter((m) => m.subject.includes('pede para entrar'));

    expect(toAda).toHaveLength(1);
    expect(toAda[0]?.subject).toBe(`${bob.email} pide unirse a Acme`);
    expect(toAda[0]?.text).toContain(`Bob (${bob.email}) usó un enlace de acceso y pide unirse a Acme como observador.`);
    expect(toAda[0]?.html).toContain('<html lang="es">');
    expect(toAbe).toHaveLength(1);
    expect(toAbe[0]?.text).toContain('Aprovar ou recusar o pedido');
    expect(toAbe[0]?.html).toContain('<html lang="pt">');
  });

  it('a link without approval lets people in without emailing anyone', async () => {
    const { ada, abe, orgId } = await orgWithTwoAdmins();
    const open = await api.as(ada).post(`/orgs/${orgId}/join-links`, { role: 'member' });
    const cara = await api.user('Cara');

    expect((await ask(cara, tokenOf(open.body.url))).status).toBe(200);

    expect(await toldOf(ada)).toEqual([]);
    expect(await toldOf(abe)).toEqual([]);
  });

  it("nothing goes out while the org's sending is paused, nor to an admin address that bounced in the org; the request still waits for them", async () => {
    const paused = await orgWithTwoAdmins();
    const held = await orgWithTwoAdmins();
    await db.set(`ORG#${paused.orgId}`, 'ORG', { sending: { status: 'paused', since: new Date().toISOString(), reason: 'bounce_rate' } });
    await db.set(`ORG#${held.orgId}`, `SUPPRESSED#${held.abe.email}`, { reason: 'address_bounced', at: new Date().toISOString() });
    const [bob, cleo] = [await api.user('Bob'), await api.user('Cleo')];

    expect((await ask(bob, paused.token)).status).toBe(201);
    expect((await ask(cleo, held.token)).status).toBe(201);

    expect(await toldOf(paused.ada)).toEqual([]);
    expect(await toldOf(paused.abe)).toEqual([]);
    expect(await toldOf(held.ada)).toHaveLength(1);
    expect(await toldOf(held.abe)).toEqual([]);
    expect((await api.as(paused.ada).get(`/orgs/${paused.orgId}/join-requests`)).body.items).toHaveLength(1);
  });

  it("the emails count against the org's daily invitation-email allowance; what does not fit today is not sent", async () => {
    const { ada, abe, orgId, token } = await orgWithTwoAdmins();
    await api.setPlan(orgId, 'onemail');
    const bob = await api.user('Bob');

    expect((await ask(bob, token)).status).toBe(201);
    const told = [...(await toldOf(ada)), ...(await toldOf(abe))];
    const limits = (await api.as(ada).get(`/orgs/${orgId}`)).body.org.limits;

    expect(told).toHaveLength(1);
    expect(limits!.invitationEmailsToday).toMatchObject({ sent: 1, allowance: 1 });
    // the allowance is used up: an invitation now is refused like any other over the limit
    const invite = await api.invite(ada, orgId, { emails: `late.${orgId.slice(-6).toLowerCase()}@example.com` });
    expect([invite.status, invite.body.code]).toEqual([429, 'invitation_limit_reached']);
  });
});
