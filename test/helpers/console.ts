import { randomBytes } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { webDistDir } from '../../functions/local/web-build.ts';
import { signInAtProvider, useBrowser } from './browser.ts';
import { direct } from './direct.ts';
import { type User, useStack } from './stack.ts';

/**
 * The admin console's browser tests (test/browser/console*.test.ts): a local stack serving the web app,
 * a browser, an admin signed in at a page of their new org, and the waits and locators the scenarios share.
 */
export function useConsole() {
  // a sender reputation window of a few sends, so the Settings scenario can pause an org with two bounces
  const t = useStack({ web: { distDir: webDistDir }, sendingGuard: { minSends: 2, maxBounceRate: 0.05, maxComplaintRate: 0.001, windowDays: 7 } });
  const db = direct(t);
  const browser = useBrowser();

  const tag = () => randomBytes(3).toString('hex');
  /** expect.poll with a wait fit for a loaded two-core machine (its default is one second). */
  const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });
  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });
  const status = (scope: Page | Locator) => scope.getByRole('status').first();

  /** `person` signed in at `path` of the web app in a fresh browser (in the browser language given), back on that page. */
  async function signedInAt(person: { email: string; name: string }, path: string, opts: { locale?: string } = {}) {
    const { page } = await browser.person(opts);
    // two cores shared by several suites: generous, condition-based waits
    page.setDefaultTimeout(30_000);
    await page.goto(`${t.stack.web!.url}${path}`);
    await heading(page, 'Sign in to continue').waitFor();
    await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
    await signInAtProvider(page, { email: person.email, name: person.name });
    // back on the page asked for, past the sign-in callback (a reload before that would replay the callback)
    await page.waitForURL((u) => u.pathname === path);
    return page;
  }

  /** An admin with an org, signed in to the console's page `path` in a fresh browser (in the browser language given). */
  async function adminAt(path: (orgId: string) => string, orgName = `Globex ${tag()}`, opts: { locale?: string } = {}) {
    const admin = await t.user('Ada Admin');
    const org = await t.createOrg(admin, { name: orgName });
    const page = await signedInAt(admin, path(org.orgId), opts);
    return { admin, org, orgId: org.orgId as string, page };
  }

  const members = (orgId: string) => `/admin/${orgId}/members`;
  const invitations = (orgId: string) => `/admin/${orgId}/invitations`;

  /** Reloads the page (the session is restored from this tab) and waits for its heading; says what showed instead. */
  async function reloaded(page: Page, title: string) {
    await page.reload();
    try {
      await heading(page, title).waitFor();
    } catch (error) {
      throw new Error(`after a reload "${title}" did not show; the page said: ${(await page.getByRole('main').textContent())?.slice(0, 300)}`, {
        cause: error,
      });
    }
  }

  async function inviteDialog(page: Page) {
    await page.getByRole('button', { name: 'Invite members' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite members' });
    await dialog.waitFor();
    return dialog;
  }

  /** The chip of an address in the invite dialog, with what the dry run said about it. */
  const chip = (dialog: Locator, email: string) =>
    dialog
      .getByRole('list', { name: 'Addresses to invite' })
      .getByRole('listitem')
      .filter({ has: dialog.page().getByText(email, { exact: true }) });

  async function pendingEmails(admin: User, orgId: string) {
    const r = await t.as(admin).get(`/orgs/${orgId}/invitations?status=pending&limit=200`);
    return (r.body.items as { email: string }[]).map((i) => i.email).sort();
  }
  return { t, db, browser, tag, poll, heading, status, signedInAt, adminAt, members, invitations, reloaded, inviteDialog, chip, pendingEmails };
}
