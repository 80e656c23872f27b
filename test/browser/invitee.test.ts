import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { webDistDir } from '../../functions/local/web-build.ts';
import { checkPage, signInAtProvider, useBrowser } from '../helpers/browser.ts';
import { type User, useStack } from '../helpers/stack.ts';

const t = useStack({ web: { distDir: webDistDir } });
const browser = useBrowser();

const address = (name: string) => `${name.toLowerCase()}.${randomBytes(4).toString('hex')}@example.com`;

/** The link in the newest email to `to`, exactly as the email shows it. */
async function linkInEmail(to: string): Promise<string> {
  const mails = await t.emailsTo(to);
  const link = /https?:\/\/\S+\/accept\?token=[A-Za-z0-9_.-]+/.exec(mails.at(-1)?.text ?? '')?.[0];
  if (!link) throw new Error(`no invitation link in the emails to ${to}`);
  return link;
}

/** An admin with an org invites `email` through the API, as a script or the admin console would. */
async function invited(email: string, orgName = `Acme ${randomBytes(2).toString('hex')}`) {
  const admin = await t.user('Ada');
  const org = await t.createOrg(admin, { name: orgName });
  const res = await t.invite(admin, org.orgId, { emails: email, role: 'member' });
  expect(res.status).toBe(201);
  return { admin, org, invitationId: res.body.results[0]!.invitationId as string, link: await linkInEmail(email) };
}

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name, exact: true });

describe('an invitee in the browser', { timeout: 180_000 }, () => {
  it('opens the link from the email, sees who invites them to what, signs in, accepts and lands in the org; the same link afterwards says it was used', async () => {
    const email = address('bob');
    const { org, link } = await invited(email, 'Acme Rockets');
    const { page } = await browser.person();

    await page.goto(link);
    await expect.poll(() => heading(page, "You're invited to join Acme Rockets").isVisible()).toBe(true);
    const facts = page.getByRole('definition');
    await expect.poll(() => facts.allTextContents()).toEqual(expect.arrayContaining(['Ada', 'Member']));
    // the token leaves the address bar once read
    expect(page.url()).not.toContain('token=');
    await checkPage(page, 'accept-preview', { main: true });

    await page.getByRole('button', { name: 'Sign in to accept' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await checkPage(page, 'provider-sign-in');
    await signInAtProvider(page, { email, name: 'Bob' });
    await page.getByRole('button', { name: 'Accept invitation' }).waitFor();
    // signing in does not accept: the person chooses
    expect((await t.as({ token: (await t.user('Bob', { email })).token }).get('/me/organizations')).body.items).toEqual([]);
    await checkPage(page, 'accept-signed-in', { main: true });

    await page.getByRole('button', { name: 'Accept invitation' }).click();
    await heading(page, 'Acme Rockets').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/orgs/${org.orgId}`);
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('You joined Acme Rockets.');
    await expect.poll(() => page.getByRole('row').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining(email)]));
    await checkPage(page, 'org-home', { main: true });

    await page.goto(link);
    await heading(page, 'This invitation was already used').waitFor();
    await checkPage(page, 'outcome-already-used');
  });

  it('asks for the preview once, before the app has run: index.html starts the request and the app reads its answer', async () => {
    const { link } = await invited(address('fay'), 'Acme Early');
    const { page } = await browser.person();
    const previewRoute = `${t.stack.url}/invitations/preview?`;
    const previews: string[] = [];
    const config: string[] = [];
    let previewAsked!: () => void;
    const asked = new Promise<void>((resolve) => {
      previewAsked = resolve;
    });
    page.on('request', (r) => {
      if (r.url().startsWith(previewRoute)) {
        previews.push(r.url());
        previewAsked();
      }
      if (new URL(r.url()).pathname === '/config.json') config.push(r.url());
    });
    // the app's chunk is held until the preview is asked for: if only the app asked, the page would stay on "Loading"
    await page.route('**/assets/app-*.js', async (route) => {
      await asked;
      await route.continue();
    });

    await page.goto(link);
    await heading(page, "You're invited to join Acme Early").waitFor();
    await page.getByRole('button', { name: 'Sign in to accept' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(previews).toEqual([`${previewRoute}token=${new URL(link).searchParams.get('token')}`]);
    // index.html's preload and the early script's fetch are one request, which the app reuses
    expect(config).toHaveLength(1);
  });

  it('when the preview request started at load fails, "Try again" asks again and shows the invitation', async () => {
    const { link } = await invited(address('gus'), 'Acme Retry');
    const { page } = await browser.person();
    let previews = 0;
    await page.route(`${t.stack.url}/invitations/preview?*`, async (route) => {
      previews += 1;
      if (previews === 1) await route.abort('connectionrefused');
      else await route.continue();
    });
    await page.goto(link);
    await page.getByRole('alert').filter({ hasText: 'We could not reach the service' }).waitFor();
    await page.getByRole('button', { name: 'Try again' }).click();
    await heading(page, "You're invited to join Acme Retry").waitFor();
    expect(previews).toBe(2);
  });

  it('signed in with the wrong account, is told which address the invitation is for and switches account (signing out at the provider too) without losing the link', async () => {
    const email = address('carol');
    const { org, link } = await invited(email);
    const { context, page } = await browser.person();
    const providerSession = async () => (await context.cookies(t.stack.web!.issuer)).filter((c) => c.name === '_session').length;
    await page.goto(link);
    await page.getByRole('button', { name: 'Sign in to accept' }).click();
    const other = address('someone');
    await signInAtProvider(page, { email: other, name: 'Someone Else' });
    await page.getByRole('button', { name: 'Accept invitation' }).click();

    await heading(page, 'This invitation is for another email address').waitFor();
    const explanation = await page.getByRole('main').textContent();
    expect(explanation).toContain(`you're signed in as ${other}`);
    expect(explanation).toMatch(/It was sent to c\S*@example\.com/);
    await checkPage(page, 'outcome-wrong-account', { main: true });

    expect(await providerSession()).toBe(1);
    await page.getByRole('button', { name: 'Switch account' }).click();
    // the provider's own session ends too (Cognito: /logout; the local provider asks first)
    await page.getByRole('heading', { name: 'Sign out' }).waitFor();
    await checkPage(page, 'provider-sign-out');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await providerSession()).toBe(0);
    await signInAtProvider(page, { email, name: 'Carol' });
    await page.getByRole('button', { name: 'Accept invitation' }).click();
    await page.waitForURL(`**/orgs/${org.orgId}`);
    await heading(page, org.name).waitFor();
  });

  it('with an unverified email, is told to verify it first', async () => {
    const email = address('dan');
    const { link } = await invited(email);
    const { page } = await browser.person();
    await page.goto(link);
    await page.getByRole('button', { name: 'Sign in to accept' }).click();
    await signInAtProvider(page, { email, name: 'Dan', verified: false });
    await page.getByRole('button', { name: 'Accept invitation' }).click();
    await heading(page, 'Your email address is not verified').waitFor();
    await checkPage(page, 'outcome-not-verified');
  });

  it('with an expired link, asks for a new invitation and the admins receive the request', async () => {
    const email = address('eve');
    const { admin, link } = await invited(email);
    await t.setClock(8 * 86_400);
    try {
      const { page } = await browser.person();
      await page.goto(link);
      await heading(page, 'This invitation has expired').waitFor();
      await checkPage(page, 'outcome-expired', { main: true });
      await page.getByRole('button', { name: 'Sign in to ask for a new invitation' }).click();
      await signInAtProvider(page, { email, name: 'Eve' });
      await page.getByRole('button', { name: 'Ask for a new invitation' }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toContain('We asked the admins to send you a new invitation');
      await checkPage(page, 'outcome-expired-requested');
      await expect.poll(async () => (await t.emailsTo(admin.email)).map((m) => m.text).join('\n'), { timeout: 15_000 }).toContain(email);
    } finally {
      await t.setClock(0);
    }
  });

  it('with a revoked invitation, sees that it was withdrawn', async () => {
    const email = address('fay');
    const { admin, org, invitationId, link } = await invited(email);
    expect((await t.as(admin).post(`/orgs/${org.orgId}/invitations/${invitationId}/revoke`)).status).toBe(200);
    const { page } = await browser.person();
    await page.goto(link);
    await heading(page, 'This invitation was withdrawn').waitFor();
    await checkPage(page, 'outcome-revoked');
  });

  it('declines after signing in, with a confirmation', async () => {
    const email = address('gus');
    const { admin, org, invitationId, link } = await invited(email);
    const { page } = await browser.person();
    await page.goto(link);
    await page.getByRole('button', { name: 'Decline' }).click();
    await signInAtProvider(page, { email, name: 'Gus' });
    await page.getByRole('button', { name: 'Decline' }).click();
    const dialog = page.getByRole('dialog', { name: /Decline the invitation to/ });
    await dialog.waitFor();
    await checkPage(page, 'accept-confirm-decline');
    await dialog.getByRole('button', { name: 'Decline invitation' }).click();
    await heading(page, 'You declined this invitation').waitFor();
    await checkPage(page, 'outcome-declined');
    const inv = await t.as(admin).get(`/orgs/${org.orgId}/invitations/${invitationId}`);
    expect(inv.body.invitation.status).toBe('declined');
  });

  it('an unknown link says the invitation cannot be found', async () => {
    const { page } = await browser.person();
    await page.goto(`${t.stack.web!.url}/accept?token=${randomBytes(32).toString('base64url')}`);
    await heading(page, 'We could not find this invitation').waitFor();
    await checkPage(page, 'outcome-not-found');
  });
});

describe('a member in the browser', { timeout: 180_000 }, () => {
  /** Signs in from a page of one's own data (the header's or the page's "Sign in"). */
  async function signedIn(page: Page, path: string, person: { email: string; name: string }) {
    await page.goto(`${t.stack.web!.url}${path}`);
    await heading(page, 'Sign in to continue').waitFor();
    await checkPage(page, 'sign-in-required');
    await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
    await signInAtProvider(page, person);
  }

  it('accepts every pending invitation at once from My invitations', async () => {
    const email = address('hal');
    await invited(email, 'North Org');
    await invited(email, 'South Org');
    const { page } = await browser.person();
    await signedIn(page, '/invitations', { email, name: 'Hal' });
    await heading(page, 'My invitations').waitFor();
    await page.getByRole('heading', { name: 'South Org' }).waitFor();
    await checkPage(page, 'my-invitations', { main: true });
    await page.getByRole('button', { name: 'Accept all' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('You joined 2 organizations.');
    await page.getByText('No invitations are waiting for you.').waitFor();
    await checkPage(page, 'my-invitations-empty');

    await page.getByRole('navigation').getByRole('link', { name: 'My organizations' }).click();
    await heading(page, 'My organizations').waitFor();
    await page.getByRole('link', { name: 'Open North Org' }).waitFor();
    await checkPage(page, 'my-organizations', { main: true });
  });

  it('leaves an organization; the last admin is told why they cannot', async () => {
    const email = address('ida');
    const { link } = await invited(email, 'Leavable Org');
    const member: User = await t.user('Ida', { email });
    expect((await t.as(member).post('/invitations/accept', { token: new URL(link).searchParams.get('token') })).status).toBe(200);
    const own = await t.createOrg(member, { name: 'Ida Solo Org' });
    expect(own.orgId).toBeTruthy();

    const { page } = await browser.person();
    await signedIn(page, '/organizations', { email, name: 'Ida' });
    await page.getByRole('button', { name: 'Leave Ida Solo Org' }).click();
    const dialog = page.getByRole('dialog', { name: 'Leave Ida Solo Org?' });
    await dialog.getByRole('button', { name: 'Leave organization' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('You are the last admin of Ida Solo Org');
    await checkPage(page, 'leave-last-admin');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Leave Leavable Org' }).click();
    await page.getByRole('dialog', { name: 'Leave Leavable Org?' }).getByRole('button', { name: 'Leave organization' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('You left Leavable Org.');
    await expect.poll(() => page.getByRole('link', { name: 'Open Leavable Org' }).count()).toBe(0);
  });

  it('a colleague whose email domain an org admits sees it under "Organizations you can join", joins in one click and lands in it', async () => {
    const domain = `colleagues${randomBytes(3).toString('hex')}.example`;
    const admin = await t.user('Ada');
    const org = await t.createOrg(admin, { name: 'Domain Org' });
    expect((await t.as(admin).patch(`/orgs/${org.orgId}`, { allowedDomains: [domain], autoJoin: { enabled: true, role: 'viewer' } })).status).toBe(200);
    const email = `kai@${domain}`;

    const { page } = await browser.person();
    await signedIn(page, '/organizations', { email, name: 'Kai' });
    const section = page.getByRole('region', { name: 'Organizations you can join' });
    await section.getByRole('heading', { name: 'Domain Org' }).waitFor();
    expect(await section.textContent()).toContain('You would join as viewer.');
    await checkPage(page, 'organizations-joinable', { main: true });
    await section.getByRole('button', { name: 'Join Domain Org' }).focus();
    await page.keyboard.press('Enter');

    await heading(page, 'Domain Org').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/orgs/${org.orgId}`);
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('You joined Domain Org.');
    const kai = await t.user('Kai', { email });
    expect((await t.as(kai).get('/me/organizations')).body.items).toEqual([expect.objectContaining({ orgId: org.orgId, role: 'viewer', status: 'active' })]);
    // once a member, the org is no longer offered
    await page.goto(`${t.stack.web?.url}/organizations`);
    await page.getByRole('link', { name: 'Open Domain Org' }).waitFor();
    expect(await page.getByRole('region', { name: 'Organizations you can join' }).count()).toBe(0);
  });

  it('deletes their account; while the last admin of an org, is shown which orgs stand in the way', async () => {
    const email = address('jo');
    const jo = await t.user('Jo', { email });
    const own = await t.createOrg(jo, { name: 'Jo Holdings' });
    const { page } = await browser.person();
    await signedIn(page, '/account', { email, name: 'Jo' });
    await heading(page, 'Account').waitFor();
    await page.getByRole('definition').filter({ hasText: email }).waitFor();
    await checkPage(page, 'account', { main: true });

    await page.getByLabel('I understand that this cannot be undone').check();
    await page.getByRole('button', { name: 'Delete my account' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('You are the last admin of these organizations');
    await alert.getByRole('link', { name: 'Jo Holdings' }).waitFor();
    await checkPage(page, 'account-last-admin');

    // make a colleague admin, then the account can go
    const colleague = await t.user('Kim');
    const inv = await t.invite(jo, own.orgId, { emails: colleague.email, role: 'admin' });
    expect(inv.status).toBe(201);
    const token = new URL(await linkInEmail(colleague.email)).searchParams.get('token');
    expect((await t.as(colleague).post('/invitations/accept', { token })).status).toBe(200);

    await page.getByRole('button', { name: 'Delete my account' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Your account was deleted');
    await checkPage(page, 'account-deleted');
    expect((await t.as(jo).get(`/orgs/${own.orgId}/members`)).status).toBe(404);
  });

  it("added directly by an admin, leaves in one click from the email's link without signing in; the link then says it no longer works", async () => {
    const admin = await t.user('Ada');
    const org = await t.createOrg(admin, { name: 'Acme Direct' });
    await t.setPlan(org.orgId, 'enterprise');
    const domain = `corp${randomBytes(3).toString('hex')}.example`;
    expect((await t.as(admin).patch(`/orgs/${org.orgId}`, { allowedDomains: [domain], directAddExistingUsers: true })).status).toBe(200);
    const kim = await t.user('Kim', { email: `kim@${domain}` });
    await t.createOrg(kim); // the service knows Kim's verified address
    expect((await t.invite(admin, org.orgId, { emails: kim.email })).body.results).toEqual([{ email: kim.email, status: 'added' }]);
    const mails = await t.emailsTo(kim.email);
    const link = /https?:\/\/\S+\/leave\?token=\S+/.exec(mails.at(-1)?.text ?? '')?.[0] as string;
    const { page } = await browser.person();

    await page.goto(link);
    await heading(page, 'Leave an organization').waitFor();
    // opening the link changed nothing: only the button leaves
    expect((await t.as(kim).get(`/orgs/${org.orgId}`)).status).toBe(200);
    await checkPage(page, 'leave-link', { main: true });
    await page.getByRole('button', { name: 'Leave the organization' }).focus();
    await page.keyboard.press('Enter');

    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('You have left Acme Direct.');
    expect((await t.as(kim).get(`/orgs/${org.orgId}`)).status).toBe(404);
    await checkPage(page, 'leave-link-done');

    await page.goto(link);
    await page.getByRole('button', { name: 'Leave the organization' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('This leave link no longer works');
    await checkPage(page, 'leave-link-used');
  });
});
