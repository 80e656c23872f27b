import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { webDistDir } from '../../functions/local/web-build.ts';
import { checkPage, signInAtProvider, useBrowser } from '../helpers/browser.ts';
import { direct } from '../helpers/direct.ts';
import { type User, useStack } from '../helpers/stack.ts';

/**
 * The console's "Delete organization" danger zone (issue 23 §1) over the real API: the admin types the
 * org's name, by keyboard; a name that differs is the API's 400 confirmation_mismatch, said as such, and
 * deletes nothing; the right name deletes it for everyone and lands the admin on their organizations.
 */
const t = useStack({ web: { distDir: webDistDir } });
const db = direct(t);
const browser = useBrowser();

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });

async function settingsAs(person: User, orgId: string) {
  const { page } = await browser.person();
  page.setDefaultTimeout(30_000);
  await page.goto(`${t.stack.web?.url}/admin/${orgId}/settings`);
  await heading(page, 'Sign in to continue').waitFor();
  await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
  await signInAtProvider(page, { email: person.email, name: person.name });
  await page.getByRole('heading', { level: 2, name: 'Delete organization' }).waitFor();
  return page;
}

const focused = (page: Page) => page.evaluate<string[]>("[document.activeElement?.tagName, document.activeElement?.textContent?.trim() ?? '']");

describe('deleting an organization in the console', { timeout: 240_000 }, () => {
  it('refuses a name that differs (the API says so), then deletes it on the exact name and lands on My organizations', async () => {
    const ada = await t.user('Ada Admin');
    const doomed = await t.createOrg(ada, { name: 'Acme Doomed' });
    const stays = await t.createOrg(ada, { name: 'Acme Stays' });
    const mo = await t.user('Mo');
    await db.join(ada, doomed.orgId, mo, 'member', { sendEmail: false });
    const page = await settingsAs(ada, doomed.orgId);
    const confirm = page.getByLabel("Type the organization's name, Acme Doomed, to confirm");

    // by keyboard: the field, a near miss, Enter submits
    await confirm.focus();
    await page.keyboard.type('acme doomed');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe("The name you typed is not the organization's name. Type Acme Doomed exactly (capitals and spaces count).");
    expect(await confirm.getAttribute('aria-invalid')).toBe('true');
    expect((await t.as(mo).get(`/orgs/${doomed.orgId}`)).status).toBe(200);
    await checkPage(page, 'console-delete-org', { main: true });

    await confirm.fill('Acme Doomed');
    await confirm.focus();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toEqual(['BUTTON', 'Delete organization']);
    await page.keyboard.press('Enter');

    await heading(page, 'My organizations').waitFor();
    expect(new URL(page.url()).pathname).toBe('/organizations');
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Acme Doomed was deleted.');
    await expect.poll(() => page.getByRole('main').getByText('Acme Stays').count()).toBeGreaterThan(0);
    expect(await page.getByRole('main').getByText('Acme Doomed', { exact: true }).count()).toBe(0);
    for (const who of [ada, mo]) expect((await t.as(who).get(`/orgs/${doomed.orgId}`)).status).toBe(404);
    expect((await t.as(ada).get(`/orgs/${stays.orgId}`)).status).toBe(200);
    await checkPage(page, 'organizations-after-delete');
  });

  it('says so when the org is already gone (another admin deleted it meanwhile), and stays on the page', async () => {
    const ada = await t.user('Ada Admin');
    const abe = await t.user('Abe Admin');
    const mo = await t.user('Mo');
    const org = await t.createOrg(ada, { name: 'Acme Twice' });
    await db.join(ada, org.orgId, abe, 'admin', { sendEmail: false });
    await db.join(ada, org.orgId, mo, 'member', { sendEmail: false });
    const page = await settingsAs(ada, org.orgId);

    expect((await t.as(abe).delete(`/orgs/${org.orgId}`, { confirm: 'Acme Twice' })).status).toBe(204);
    await page.getByLabel("Type the organization's name, Acme Twice, to confirm").fill('Acme Twice');
    await page.getByRole('button', { name: 'Delete organization' }).click();

    await expect.poll(() => page.getByRole('alert').textContent()).toBe('This organization does not exist or you are not a member of it.');
    expect(new URL(page.url()).pathname).toBe(`/admin/${org.orgId}/settings`);
    await expect.poll(() => page.getByRole('button', { name: 'Delete organization' }).isEnabled()).toBe(true);
  });
});
