import { describe, expect, it } from 'vitest';
import { checkPage, signInAtProvider } from '../helpers/browser.ts';
import { useConsole } from '../helpers/console.ts';

/*
 * A member's own email settings on their org page (issue 23, section 4): the language and time zone of
 * the emails this org sends them, saved on their membership (PATCH on their own row), shown again after a
 * reload, and cleared back to the defaults with the empty choices. The local identity provider issues the
 * time zone typed at its sign-in page as the `zoneinfo` claim, which the membership records when it is made.
 */
const { t, db, tag, poll, heading, status, browser, signedInAt } = useConsole();

const mineIn = async (user: Parameters<typeof t.as>[0], orgId: string) =>
  ((await t.as(user).get('/me/organizations')).body.items as { orgId: string; locale?: string; timeZone?: string }[]).find((o) => o.orgId === orgId);

describe("a member's org page: emails from this organization", { timeout: 300_000 }, () => {
  it('a member picks the language and time zone of their emails, sees them after a reload, and clears them', async () => {
    const admin = await t.user('Ada Admin');
    const org = await t.createOrg(admin, { name: `Initech ${tag()}` });
    const kei = await t.user('Kei Member');
    await db.join(admin, org.orgId, kei, 'member', { sendEmail: false });
    const page = await signedInAt(kei, `/orgs/${org.orgId}`);
    await heading(page, org.name).waitFor();

    const form = page.getByRole('form', { name: 'Emails from this organization' });
    const language = form.getByLabel('Language');
    const zone = form.getByLabel('Time zone');
    expect(await language.inputValue()).toBe('');
    expect(await zone.inputValue()).toBe('');
    await language.selectOption({ label: 'Deutsch' });
    await zone.selectOption('Asia/Tokyo');
    await form.getByRole('button', { name: 'Save email settings' }).click();
    await poll(() => status(form).textContent()).toBe('Saved. The next emails from this organization use these settings.');
    await checkPage(page, 'org-email-settings');

    expect(await mineIn(kei, org.orgId)).toMatchObject({ locale: 'de', timeZone: 'Asia/Tokyo' });
    await page.reload();
    await heading(page, org.name).waitFor();
    await poll(() => language.inputValue()).toBe('de');
    expect(await zone.inputValue()).toBe('Asia/Tokyo');

    await language.selectOption({ label: "The organization's default language" });
    await zone.selectOption({ label: 'UTC (default)' });
    await form.getByRole('button', { name: 'Save email settings' }).click();
    await poll(() => status(form).textContent()).toBe('Saved. The next emails from this organization use these settings.');
    const cleared = await mineIn(kei, org.orgId);
    expect(cleared?.locale).toBeUndefined();
    expect(cleared?.timeZone).toBeUndefined();
  });

  it("the local provider's sign-in page issues the time zone typed there as zoneinfo, and a new org's membership keeps it", async () => {
    const tomo = await t.user('Tomo Founder');
    const { page } = await browser.person();
    page.setDefaultTimeout(30_000);
    await page.goto(`${t.stack.web!.url}/organizations`);
    await heading(page, 'Sign in to continue').waitFor();
    await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Time zone (optional)').waitFor();
    await checkPage(page, 'provider-sign-in');
    await signInAtProvider(page, { email: tomo.email, name: tomo.name, timeZone: 'Asia/Tokyo' });
    await page.getByLabel('Organization name').fill(`Zaibatsu ${tag()}`);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.waitForURL(/\/admin\/[^/]+\/members$/);
    const orgId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]!);

    expect(await mineIn(tomo, orgId)).toMatchObject({ role: 'admin', timeZone: 'Asia/Tokyo' });
    await page.goto(`${t.stack.web!.url}/orgs/${orgId}`);
    const form = page.getByRole('form', { name: 'Emails from this organization' });
    await poll(() => form.getByLabel('Time zone').inputValue()).toBe('Asia/Tokyo');
  });
});
