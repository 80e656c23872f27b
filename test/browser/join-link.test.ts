import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { webDistDir } from '../../functions/local/web-build.ts';
import { checkPage, signInAtProvider, useBrowser } from '../helpers/browser.ts';
import { type User, useStack } from '../helpers/stack.ts';

/** The web app's /join page, where the URL of POST /orgs/{orgId}/join-links lands. */
const t = useStack({ web: { distDir: webDistDir } });
const browser = useBrowser();

const address = (name: string) => `${name.toLowerCase()}.${randomBytes(4).toString('hex')}@example.com`;
const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name, exact: true });

async function linkOf(admin: User, orgId: string, body: Record<string, unknown>) {
  const r = await t.as(admin).post(`/orgs/${orgId}/join-links`, body);
  expect(r.status).toBe(201);
  return { url: r.body.url as string, linkId: r.body.joinLink.linkId as string };
}

describe('a join link in the browser', { timeout: 180_000 }, () => {
  it('opens the shared link, sees the org and the role, signs in, joins and lands in the org; a revoked link says so', async () => {
    const admin = await t.user('Ada');
    const org = await t.createOrg(admin, { name: 'Acme Links' });
    const { url, linkId } = await linkOf(admin, org.orgId, { role: 'viewer' });
    const email = address('bob');
    const { page } = await browser.person();

    await page.goto(url);
    await heading(page, 'Join Acme Links').waitFor();
    await expect.poll(() => page.getByRole('definition').allTextContents()).toEqual(expect.arrayContaining(['Viewer']));
    // the token leaves the address bar once read
    expect(page.url()).not.toContain('token=');
    await checkPage(page, 'join-link-preview', { main: true });

    await page.getByRole('button', { name: 'Sign in to join organization' }).click();
    await signInAtProvider(page, { email, name: 'Bob' });
    await page.getByRole('button', { name: 'Join organization' }).waitFor();
    // signing in does not join: the person chooses
    const bob = await t.user('Bob', { email });
    expect((await t.as(bob).get('/me/organizations')).body.items).toEqual([]);

    await page.getByRole('button', { name: 'Join organization' }).click();
    await heading(page, 'Acme Links').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/orgs/${org.orgId}`);
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('You joined Acme Links.');
    expect((await t.as(bob).get('/me/organizations')).body.items.map((o: { orgId: string; role: string }) => [o.orgId, o.role])).toEqual([
      [org.orgId, 'viewer'],
    ]);

    expect((await t.as(admin).delete(`/orgs/${org.orgId}/join-links/${linkId}`)).status).toBe(204);
    const other = await browser.person();
    await other.page.goto(url);
    await heading(other.page, 'This join link was revoked').waitFor();
    expect(await other.page.getByText('Acme Links').count()).toBe(0);
    await checkPage(other.page, 'join-link-revoked');
  });

  it('a link that requires approval sends a request, which the admin approves', async () => {
    const admin = await t.user('Ada');
    const org = await t.createOrg(admin, { name: 'Acme Approvals' });
    const { url } = await linkOf(admin, org.orgId, { role: 'member', requireApproval: true });
    const email = address('cy');
    const { page } = await browser.person();

    await page.goto(url);
    await heading(page, 'Join Acme Approvals').waitFor();
    await page.getByRole('button', { name: 'Sign in to ask to join' }).click();
    await signInAtProvider(page, { email, name: 'Cy' });
    await page.getByRole('button', { name: 'Ask to join' }).click();
    await heading(page, 'Request sent').waitFor();
    await checkPage(page, 'join-link-requested');

    const pending = (await t.as(admin).get(`/orgs/${org.orgId}/join-requests`)).body.items;
    expect(pending.map((r: { email: string }) => r.email)).toEqual([email]);
    expect((await t.as(admin).post(`/orgs/${org.orgId}/join-requests/${pending[0]!.requestId}/approve`)).status).toBe(200);
    const cy = await t.user('Cy', { email });
    expect((await t.as(cy).get('/me/organizations')).body.items.map((o: { orgId: string }) => o.orgId)).toEqual([org.orgId]);
  });
});

describe('join links in the admin console', { timeout: 240_000 }, () => {
  it('an admin creates a link that needs approval (shown once), approves the request it brings, and revokes it', async () => {
    const admin = await t.user('Ada Admin');
    const org = await t.createOrg(admin, { name: 'Acme Console', allowedDomains: ['example.com', 'partner.test'] });
    const { page } = await browser.person();
    page.setDefaultTimeout(30_000);
    await page.goto(`${t.stack.web?.url}/admin/${org.orgId}/join-links`);
    await heading(page, 'Sign in to continue').waitFor();
    await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
    await signInAtProvider(page, { email: admin.email, name: admin.name });
    await heading(page, 'Join links').waitFor();

    await page.getByLabel('Role').selectOption('viewer');
    await page.getByLabel('Uses (empty: no limit)').fill('3');
    await page.getByLabel('An admin approves each person').check();
    // a domain the org does not admit is refused, and the page says which
    await page.getByLabel('Only these email domains (optional)').fill('other.test');
    await page.getByRole('button', { name: 'Create link' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('"other.test" is not one of the organization\'s allowed domains');
    expect((await t.as(admin).get(`/orgs/${org.orgId}/join-links`)).body.items).toEqual([]);
    await page.getByLabel('Only these email domains (optional)').fill('@Example.com');
    await page.getByRole('button', { name: 'Create link' }).click();
    const shown = page.getByLabel('The link to share');
    await shown.waitFor();
    const url = await shown.inputValue();
    expect(new URL(url).pathname).toBe('/join');
    await checkPage(page, 'console-join-links', { main: true });
    const [link] = (await t.as(admin).get(`/orgs/${org.orgId}/join-links`)).body.items;
    expect(link).toMatchObject({ role: 'viewer', maxUses: 3, requireApproval: true, status: 'active', allowedDomains: ['example.com'] });
    await expect
      .poll(() =>
        page
          .getByRole('table', { name: 'Links' })
          .getByRole('cell', { name: /example\.com/ })
          .count(),
      )
      .toBe(1);

    // someone opens it and asks to join
    const email = address('dee');
    const other = await browser.person();
    await other.page.goto(url);
    await other.page.getByRole('button', { name: 'Sign in to ask to join' }).click();
    await signInAtProvider(other.page, { email, name: 'Dee' });
    await other.page.getByRole('button', { name: 'Ask to join' }).click();
    await heading(other.page, 'Request sent').waitFor();

    // the admin sees it after a reload (the URL is not shown again) and approves it
    await page.reload();
    await heading(page, 'Join links').waitFor();
    expect(await page.getByLabel('The link to share').count()).toBe(0);
    await page.getByRole('button', { name: `Approve ${email}` }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 20_000 }).toBe('Dee joined.');
    const dee = await t.user('Dee', { email });
    expect((await t.as(dee).get('/me/organizations')).body.items.map((o: { orgId: string; role: string }) => [o.orgId, o.role])).toEqual([
      [org.orgId, 'viewer'],
    ]);

    await page.getByRole('button', { name: /^Revoke the link created/ }).click();
    await page.getByRole('dialog', { name: 'Revoke this link?' }).getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Links' }).getByRole('cell', { name: 'Revoked' }).count(), { timeout: 20_000 }).toBe(1);
    expect((await t.as(admin).get(`/orgs/${org.orgId}/join-links`)).body.items[0]!.status).toBe('revoked');
    await checkPage(page, 'console-join-links-revoked');
  });

  it("pages through more links and more requests than one page holds, with the API's cursor", async () => {
    const admin = await t.user('Ada Admin');
    const org = await t.createOrg(admin, { name: 'Acme Many' });
    // one page is 50: 51 links, and 51 people asking through the last one
    const created = [];
    for (let i = 0; i < 51; i++) created.push(await linkOf(admin, org.orgId, { role: 'member', requireApproval: true }));
    const token = new URL((created.at(-1) as { url: string }).url).searchParams.get('token');
    const people = await Promise.all(Array.from({ length: 51 }, (_, i) => t.user(`Asker ${i}`)));
    for (const p of people) expect((await t.as(p).post('/join-links/accept', { token })).status).toBe(201);

    const { page } = await browser.person();
    page.setDefaultTimeout(30_000);
    await page.goto(`${t.stack.web?.url}/admin/${org.orgId}/join-links`);
    await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
    await signInAtProvider(page, { email: admin.email, name: admin.name });
    await heading(page, 'Join links').waitFor();
    const rows = (name: string) => page.getByRole('table', { name }).locator('tbody tr');
    await expect.poll(() => rows('Links').count()).toBe(50);
    expect(await rows('Requests to join').count()).toBe(50);

    // keyboard: the next page of requests, then of links
    await page.getByRole('button', { name: 'Show more requests' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => rows('Requests to join').count()).toBe(51);
    expect(await page.getByRole('button', { name: 'Show more requests' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Show more links' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => rows('Links').count()).toBe(51);
    expect(await page.getByRole('button', { name: 'Show more links' }).count()).toBe(0);
    const shownEmails = await rows('Requests to join').locator('th').allTextContents();
    expect(new Set(shownEmails).size).toBe(51);
    for (const p of people) expect(shownEmails.some((e) => e.includes(p.email))).toBe(true);

    // deciding a request on the second page keeps the pages already shown
    const last = people.find((p) => (shownEmails.at(-1) as string).includes(p.email)) as User;
    await page.getByRole('button', { name: `Deny ${last.email}` }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe(`${last.name}'s request was denied.`);
    expect(await rows('Requests to join').count()).toBe(50);
    expect(await rows('Links').count()).toBe(51);
  });
});
