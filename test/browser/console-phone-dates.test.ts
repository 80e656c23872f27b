import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkPage, DESKTOP, PHONE } from '../helpers/browser.ts';
import { useConsole } from '../helpers/console.ts';

/*
 * How the console's tables and dates read: on a phone, where a table's cells stack and its column heads
 * are out of sight, each cell names its column (for the eye only: screen readers keep the real heads);
 * and every date is written one way, in English as the console's words are, whatever the browser's
 * language (here German, where the browser's own format would be "12.12.2026").
 */
const { t, db, tag, poll, heading, adminAt, members, reloaded } = useConsole();

const DAY = 86_400_000;
const fold = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
/** The console's formats (English; the browser runs in UTC). */
const dateTime = (iso: string) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso));
const date = (iso: string) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso));
/** "Dec 12, 2026" at the start: the English medium date both formats begin with. */
const ENGLISH_DAY = /^[A-Z][a-z]{2} \d{1,2}, \d{4}/;

/** The little of the DOM the page functions below use (the tests are compiled without the DOM's types). */
interface El {
  childNodes: ArrayLike<{ nodeType: number; textContent: string | null }>;
  cells: ArrayLike<El>;
  getBoundingClientRect(): { left: number };
}
interface Dom {
  getComputedStyle(el: El, pseudo?: string): { content: string; display: string };
  document: { createRange(): { selectNodeContents(node: unknown): void; getBoundingClientRect(): { left: number } } };
}

/** A cell's `::before` text as painted (quoted, with its alternative text), and how far its own text starts from the cell's left edge. */
const layout = (cell: Locator) =>
  cell.evaluate((node) => {
    const [el, dom] = [node as unknown as El, globalThis as unknown as Dom];
    const text = Array.from(el.childNodes).find((n) => n.nodeType === 3 && n.textContent?.trim());
    const range = dom.document.createRange();
    range.selectNodeContents(text);
    return { before: dom.getComputedStyle(el, '::before').content, indent: range.getBoundingClientRect().left - el.getBoundingClientRect().left };
  });
/** The `::before` texts of a row's cells. */
const rowLabels = (row: Locator) =>
  row.evaluate((node) => Array.from((node as unknown as El).cells).map((cell) => (globalThis as unknown as Dom).getComputedStyle(cell, '::before').content));
const display = (cell: Locator) => cell.evaluate((node) => (globalThis as unknown as Dom).getComputedStyle(node as unknown as El).display);

describe('the admin console on a phone and in another language', { timeout: 300_000 }, () => {
  it("at 360 px a members row's stacked cells each show their column's name beside the value, which screen readers do not hear twice", async () => {
    const { admin, orgId, page } = await adminAt(members);
    const grace = await t.user('Grace Hopper');
    await db.join(admin, orgId, grace, 'viewer');
    await reloaded(page, 'Members');
    const row = page.getByRole('table', { name: 'Members' }).getByRole('row').filter({ hasText: grace.email });
    const roleCell = row.getByRole('cell').nth(1);
    await poll(() => roleCell.textContent()).toBe('Viewer');

    // the desktop table is unchanged: no label, the value at the cell's padding
    const wide = await layout(roleCell);
    expect(wide.before).toBe('none');
    expect(wide.indent).toBeLessThan(30);

    await page.setViewportSize(PHONE);
    // the value starts after the painted "Role" (7.5rem wide), on the same line
    await poll(async () => (await layout(roleCell)).before).toBe('"Role" / ""');
    expect((await layout(roleCell)).indent).toBeGreaterThanOrEqual(120);
    expect(await display(roleCell)).toBe('block');
    const labels = await rowLabels(row);
    expect(labels).toEqual(['Name', 'Email', 'Role', 'Status', 'Teams', 'Joined', 'Access until', 'Actions'].map((h) => `"${h}" / ""`));
    // what assistive technology is given: the cell's value alone (its column head names it)
    const tree = await row.ariaSnapshot();
    expect(tree).toContain('cell "Viewer"');
    expect(tree).not.toContain('Role');
    await checkPage(page, 'console-members-labelled');
    await page.setViewportSize(DESKTOP);
  });

  it("writes an end of access and an invitation's sent date in the same English format in a German browser", async () => {
    const { admin, orgId, page } = await adminAt(members, undefined, { locale: 'de-DE' });
    const grace = await t.user('Grace Hopper');
    await db.join(admin, orgId, grace);
    const until = new Date(Math.floor((Date.now() + 10 * DAY) / 60_000) * 60_000).toISOString();
    expect((await t.as(admin).patch(`/orgs/${orgId}/members/${grace.userId}`, { accessUntil: until })).status).toBe(200);
    const invitee = `ivy.${tag()}@example.com`;
    await t.invite(admin, orgId, { emails: [invitee] });
    await t.stack.settle();
    const sentAt = (await t.as(admin).get(`/orgs/${orgId}/invitations?status=pending`)).body.items[0]?.lastSentAt as string;
    expect(sentAt).toEqual(expect.any(String));

    await reloaded(page, 'Members');
    const endCell = page.getByRole('table', { name: 'Members' }).getByRole('row').filter({ hasText: grace.email }).getByRole('cell').nth(5);
    await poll(async () => fold(await endCell.locator('time').textContent())).toBe(fold(dateTime(until)));
    const end = fold(await endCell.locator('time').textContent());

    await page.goto(page.url().replace(/members$/, 'invitations'));
    await heading(page, 'Invitations').waitFor();
    // pending: a selection box, the address (the row's head), role, inviter, sent
    const sentCell = page.getByRole('table').getByRole('row').filter({ hasText: invitee }).getByRole('cell').nth(3);
    await poll(async () => fold(await sentCell.textContent())).toBe(date(sentAt));
    const sent = fold(await sentCell.textContent());

    // one format: the end's day is written exactly as a sent day would be, both in English
    expect(end.startsWith(date(until))).toBe(true);
    expect(end).toMatch(ENGLISH_DAY);
    expect(sent).toMatch(ENGLISH_DAY);
    await checkPage(page, 'console-invitations-german-browser');
  });
});
