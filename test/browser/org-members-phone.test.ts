import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkPage, DESKTOP, PHONE } from '../helpers/browser.ts';
import { useConsole } from '../helpers/console.ts';

/*
 * The member table on a member's org page (issue 20) on a phone: its cells stack and its column heads
 * are out of sight, so each cell names its column first (for the eye only: screen readers keep the
 * real heads), and no member's long address makes the page wider than the screen.
 */
const { t, db, tag, poll, heading, signedInAt } = useConsole();

/** The little of the DOM the page functions below use (the tests are compiled without the DOM's types). */
interface El {
  cells: ArrayLike<El>;
}
interface Dom {
  getComputedStyle(el: El, pseudo?: string): { content: string };
  document: { documentElement: { scrollWidth: number } };
}

/** The `::before` texts of a row's cells, as painted (quoted, with their alternative text). */
const rowLabels = (row: Locator) =>
  row.evaluate((node) => Array.from((node as unknown as El).cells).map((cell) => (globalThis as unknown as Dom).getComputedStyle(cell, '::before').content));
const pageWidth = (page: Page) => page.evaluate(() => (globalThis as unknown as Dom).document.documentElement.scrollWidth);

describe("a member's org page on a phone: the member table", { timeout: 300_000 }, () => {
  it("at 360 px each member's stacked cells show their column's name, the page stays as wide as the screen, and axe is clean", async () => {
    const admin = await t.user('Ada Admin');
    const org = await t.createOrg(admin, { name: `Initech ${tag()}` });
    const kei = await t.user('Kei Member', { email: `kei.member.with.a.rather.long.address.${tag()}@example-long-domain.com` });
    await db.join(admin, org.orgId, kei, 'member', { sendEmail: false });
    const page = await signedInAt(kei, `/orgs/${org.orgId}`);
    await heading(page, org.name).waitFor();
    const row = page.getByRole('table').getByRole('row').filter({ hasText: admin.email });
    await poll(() => row.count()).toBe(1);

    // the desktop table is unchanged: its heads are in sight, no cell repeats them
    expect(await rowLabels(row)).toEqual(['none', 'none', 'none', 'none']);

    await page.setViewportSize(PHONE);
    await poll(() => rowLabels(row)).toEqual(['Name', 'Email', 'Role', 'Joined'].map((h) => `"${h}" / ""`));
    expect(await rowLabels(page.getByRole('table').getByRole('row').filter({ hasText: kei.email }))).toEqual(
      ['Name', 'Email', 'Role', 'Joined'].map((h) => `"${h}" / ""`),
    );
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    // what assistive technology is given: the cell's value alone (its column head names it)
    const tree = await row.ariaSnapshot();
    expect(tree).toContain('cell "Admin"');
    expect(tree).not.toContain('Role');
    await page.setViewportSize(DESKTOP);
    await checkPage(page, 'org-home-labelled');
  });
});
