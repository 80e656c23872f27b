import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AccessJob } from '../../shared/ports.ts';
import { checkPage } from '../helpers/browser.ts';
import { useConsole } from '../helpers/console.ts';

/*
 * Members with an end date (issue 23, section 3) in the admin console, as an admin runs them: a contractor
 * invited with an end of access, an end set on a member, extended and removed, the last admin refused one
 * (and told why), a member whose end has passed shown as ended. What a page shows is checked against the
 * API afterwards. The browser runs in UTC (test/helpers/browser.ts), so the date-time fields' values are
 * the UTC instants the API stores.
 */
const { t, db, tag, poll, heading, status, adminAt, members, invitations, reloaded, inviteDialog, chip } = useConsole();

const DAY = 86_400_000;
/** A whole minute `ms` from now (the date-time field holds minutes), as the API answers it. */
const minuteAhead = (ms: number) => new Date(Math.floor((Date.now() + ms) / 60_000) * 60_000).toISOString();
/** The field's value for an instant (the browser's zone is UTC). */
const field = (iso: string) => iso.slice(0, 16);
/** The date as the console writes it for the browser's locale (en-US) and zone (UTC); spaces folded, as ICU's may differ. */
const shown = (iso: string) => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso));
const fold = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
const END_LABEL = 'Access until (date and time, UTC)';

describe('the admin console: members with an end date', { timeout: 300_000 }, () => {
  it('invites a contractor with an end of access for everyone (a past one refused in words) and a guest with their own, and sees both in the invitations list', async () => {
    const { admin, orgId, page } = await adminAt(invitations);
    const contractor = `contractor.${tag()}@example.com`;
    const until = minuteAhead(14 * DAY);

    const dialog = await inviteDialog(page);
    await dialog.getByLabel('Email addresses').fill(contractor);
    const end = dialog.getByLabel('Access until (optional, date and time, UTC)');
    await end.fill(field(new Date(Date.now() - DAY).toISOString()));
    await dialog.getByRole('button', { name: 'Check addresses' }).click();
    await poll(() => dialog.getByRole('alert').textContent()).toBe('The end of access must be in the future and at most 5 years ahead.');
    expect(await dialog.getByRole('button', { name: 'Check addresses' }).count()).toBe(1);

    await end.fill(field(until));
    // a guest with an end of their own, sooner than everyone's, in the per-person form
    const guest = `guest.${tag()}@example.com`;
    const guestUntil = minuteAhead(7 * DAY);
    await dialog.getByRole('button', { name: 'Add a person with details' }).click();
    const form = dialog.getByRole('group', { name: 'A person with their own details' });
    await form.getByLabel('Email').fill(guest);
    await form.getByLabel('Their access until (optional, UTC)').fill(field(guestUntil));
    await form.getByRole('button', { name: 'Add person' }).click();
    await poll(async () => fold(await dialog.getByRole('list', { name: 'People with details' }).textContent())).toContain(
      fold(`${guest} · Access until ${shown(guestUntil)}`),
    );
    await dialog.getByRole('button', { name: 'Check addresses' }).click();
    await poll(() => chip(dialog, contractor).textContent()).toContain('will be invited');
    await checkPage(page, 'console-invite-access-until');
    await dialog.getByRole('button', { name: 'Send 2 invitations' }).click();
    await poll(() => status(dialog).textContent()).toBe('2 people invited or added.');
    await dialog.getByRole('button', { name: 'Close' }).click();

    const rows = page.getByRole('table').getByRole('row');
    await poll(async () => fold(await rows.filter({ hasText: contractor }).textContent())).toContain(fold(`Access until ${shown(until)}`));
    await poll(async () => fold(await rows.filter({ hasText: guest }).textContent())).toContain(fold(`Access until ${shown(guestUntil)}`));
    const items = (await t.as(admin).get(`/orgs/${orgId}/invitations?status=pending`)).body.items as { email: string; accessUntil?: string }[];
    expect(items.map((i) => ({ email: i.email, accessUntil: i.accessUntil })).sort((a, b) => a.email.localeCompare(b.email))).toEqual([
      { email: contractor, accessUntil: until },
      { email: guest, accessUntil: guestUntil },
    ]);
    await checkPage(page, 'console-invitations-access-until');
  });

  it('reads an end of access per person from a CSV file: a date ends with that day, a past or unreadable one is flagged before sending and left out', async () => {
    const { admin, orgId, page } = await adminAt(invitations);
    const d = tag();
    // a date: the end of that day in the admin's zone (UTC here), as the date-time field would hold it
    const day = new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10);
    const until = `${day}T23:59:00.000Z`;
    const csv = [
      'email,first name,last name,role,access until',
      `ann.${d}@example.com,Ann,Lee,,${day}`,
      `bo.${d}@example.com,Bo,Berg,,2020-01-31`,
      `cy.${d}@example.com,Cy,Case,,31/12/2026`,
    ].join('\n');
    const dialog = await inviteDialog(page);
    await dialog
      .getByLabel('Or upload a CSV file (email, first name, last name, role)')
      .setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await poll(() => status(dialog).textContent()).toBe('3 people read from people.csv.');
    const person = (email: string) => dialog.getByRole('list', { name: 'People with details' }).getByRole('listitem').filter({ hasText: email });
    expect(fold(await person(`ann.${d}@example.com`).textContent())).toContain(fold(`Access until ${shown(until)}`));
    // flagged as soon as read, before any check
    expect(await person(`bo.${d}@example.com`).textContent()).toContain('end of access passed or more than 5 years ahead');
    expect(await person(`cy.${d}@example.com`).textContent()).toContain('Access until 31/12/2026');
    expect(await person(`cy.${d}@example.com`).textContent()).toContain('end of access not a date');
    await dialog.getByRole('button', { name: 'Check addresses' }).click();
    await poll(() => person(`ann.${d}@example.com`).textContent()).toContain('will be invited');
    await checkPage(page, 'console-invite-csv-access-until');
    await dialog.getByRole('button', { name: 'Send 1 invitation' }).click();
    await poll(() => status(dialog).textContent()).toBe('1 person invited or added.');
    await dialog.getByRole('button', { name: 'Close' }).click();

    const items = (await t.as(admin).get(`/orgs/${orgId}/invitations?status=pending`)).body.items as { email: string; accessUntil?: string }[];
    expect(items.map((i) => ({ email: i.email, accessUntil: i.accessUntil }))).toEqual([{ email: `ann.${d}@example.com`, accessUntil: until }]);
    const row = page
      .getByRole('table')
      .getByRole('row')
      .filter({ hasText: `ann.${d}@example.com` });
    await poll(async () => fold(await row.textContent())).toContain(fold(`Access until ${shown(until)}`));
  });

  it("sets a member's end date by keyboard, sees it in the members table, extends it, removes it; the last admin is refused an end date, with the reason", async () => {
    const { admin, orgId, page } = await adminAt(members);
    const grace = await t.user('Grace Hopper');
    await db.join(admin, orgId, grace);
    await reloaded(page, 'Members');
    const table = page.getByRole('table', { name: 'Members' });
    await poll(() => table.getByRole('columnheader').allTextContents()).toContain('Access until');
    const graceRow = table.getByRole('row').filter({ hasText: grace.email });
    // the Access until column (name, email, role, status, teams, joined, access until, actions: the header is a th)
    const endCell = (row: Locator) => row.getByRole('cell').nth(5);
    await poll(() => endCell(graceRow).textContent()).toBe('—');
    const stored = async () => ((await t.as(admin).get(`/orgs/${orgId}/members?q=grace`)).body.items[0] as { accessUntil?: string }).accessUntil;

    await page.getByRole('button', { name: 'Manage Grace Hopper' }).click();
    const panel = page.getByRole('dialog', { name: 'Manage Grace Hopper' });
    await panel.getByText('No end date: access lasts until the member leaves or is removed.').waitFor();
    const until = minuteAhead(3 * DAY + 60_000);
    // by keyboard: the field, its value, Enter submits the section's form
    const end = panel.getByLabel(END_LABEL);
    await end.focus();
    await end.fill(field(until));
    await end.press('Enter');
    await poll(async () => fold(await status(panel).textContent())).toBe(fold(`Grace Hopper's access now ends ${shown(until)}.`));
    expect(await stored()).toBe(until);
    await poll(async () => fold(await endCell(graceRow).textContent())).toBe(fold(`${shown(until)}ends in 3 days`));
    expect(await graceRow.getByRole('cell').nth(2).textContent()).toBe('Active');
    expect(fold(await panel.getByText(/^Access ends /).textContent())).toBe(fold(`Access ends ${shown(until)} (ends in 3 days).`));
    await checkPage(page, 'console-member-access-until', { main: true });

    // extend: 30 days from the current end
    await panel.getByRole('button', { name: 'Extend by 30 days' }).click();
    const later = new Date(Date.parse(until) + 30 * DAY).toISOString();
    await poll(async () => fold(await status(panel).textContent())).toBe(fold(`Grace Hopper's access now ends ${shown(later)}.`));
    expect(await stored()).toBe(later);
    expect(await panel.getByLabel(END_LABEL).inputValue()).toBe(field(later));
    await poll(async () => fold(await endCell(graceRow).textContent())).toBe(fold(`${shown(later)}ends in 33 days`));

    // remove: no end any more
    await panel.getByRole('button', { name: 'Remove end date' }).click();
    await poll(() => status(panel).textContent()).toBe("Grace Hopper's access no longer ends.");
    expect(await stored()).toBeUndefined();
    await poll(() => endCell(graceRow).textContent()).toBe('—');
    expect(await panel.getByLabel(END_LABEL).inputValue()).toBe('');
    expect(await panel.getByRole('button', { name: 'Remove end date' }).count()).toBe(0);
    await panel.getByRole('button', { name: 'Close' }).click();

    // the only admin without an end date: the API's 409 last_admin, said as such; nothing changes
    await page.getByRole('button', { name: 'Manage Ada Admin' }).click();
    const own = page.getByRole('dialog', { name: 'Manage Ada Admin' });
    const ownEnd = own.getByLabel(END_LABEL);
    await ownEnd.fill(field(minuteAhead(7 * DAY)));
    await ownEnd.press('Enter');
    await poll(() => own.getByRole('alert').textContent()).toBe(
      'This is the only active admin without an end date, and an organization must always keep one: make another member an admin (with no end date) first, then give this one an end date.',
    );
    await checkPage(page, 'console-member-access-until-last-admin');
    const ada = (await t.as(admin).get(`/orgs/${orgId}/members/${admin.userId}`)).body.member as { role: string; accessUntil?: string };
    expect(ada).toMatchObject({ role: 'admin' });
    expect(ada.accessUntil).toBeUndefined();
    await poll(async () => endCell(table.getByRole('row').filter({ hasText: admin.email })).textContent()).toBe('—');
  });

  it('shows a member whose end has passed as ended, and extending gives access back', async () => {
    const { admin, orgId, page } = await adminAt(members);
    const eve = await t.user('Eve Contractor');
    await db.join(admin, orgId, eve);
    const end = minuteAhead(2 * 60_000);
    expect((await t.as(admin).patch(`/orgs/${orgId}/members/${eve.userId}`, { accessUntil: end })).status).toBe(200);
    // the removal must not run meanwhile: Eve stays a stored member whose access has ended (read-time rule)
    await t.stack.settle();
    const schedules = (await t.stack.scheduler.pending()).filter((s) => s.job.kind.startsWith('access_') && (s.job as AccessJob).userId === eve.userId);
    expect(schedules.length).toBeGreaterThan(0);
    for (const s of schedules) await t.stack.scheduler.cancel(s.name);

    // the browser's clock past the end (the API's stays: Eve's end is checked by the page, not by a new request)
    await page.clock.setFixedTime(Date.parse(end) + 5 * 60_000);
    await reloaded(page, 'Members');
    const row = page.getByRole('table', { name: 'Members' }).getByRole('row').filter({ hasText: eve.email });
    await poll(() => row.getByRole('cell').nth(2).textContent()).toBe('Ended');
    await poll(async () => fold(await row.getByRole('cell').nth(5).textContent())).toBe(fold(`${shown(end)}ended`));
    await checkPage(page, 'console-members-ended');

    // the Status filter asks the API, which decides "ended" at its own clock: move that past the end too
    const table = page.getByRole('table', { name: 'Members' });
    const rowOf = (email: string) => table.getByRole('row').filter({ hasText: email });
    const statusFilter = page.getByLabel('Status', { exact: true });
    await t.setClock(7 * 60);
    try {
      await statusFilter.selectOption({ label: 'Ended' });
      await poll(() => rowOf(eve.email).count()).toBe(1);
      expect(await rowOf(admin.email).count()).toBe(0);
      await statusFilter.selectOption({ label: 'Active' });
      await poll(() => rowOf(admin.email).count()).toBe(1);
      expect(await rowOf(eve.email).count()).toBe(0);
    } finally {
      await t.setClock(0);
    }
    await statusFilter.selectOption({ label: 'Any' });
    await poll(() => rowOf(eve.email).count()).toBe(1);

    await page.getByRole('button', { name: 'Manage Eve Contractor' }).click();
    const panel = page.getByRole('dialog', { name: 'Manage Eve Contractor' });
    await poll(async () => fold(await panel.getByText(/^Access ended /).textContent())).toContain(fold(shown(end)));
    expect(await panel.getByText('Ended', { exact: true }).count()).toBe(1);
    await panel.getByRole('button', { name: 'Extend by 30 days' }).click();
    await poll(async () => status(panel).textContent()).toMatch(/^Eve Contractor's access now ends /);
    await poll(() => row.getByRole('cell').nth(2).textContent()).toBe('Active');
    await poll(() => panel.getByText('Active', { exact: true }).count()).toBe(1);
    const after = (await t.as(admin).get(`/orgs/${orgId}/members/${eve.userId}`)).body.member as { accessUntil?: string };
    // 30 days from the browser's now (the end had passed), not from the old end
    expect(Date.parse(after.accessUntil ?? '')).toBe(Date.parse(end) + 5 * 60_000 + 30 * DAY);
    expect((await t.as(eve).get(`/orgs/${orgId}`)).status).toBe(200);
    await heading(page, 'Members').waitFor();
  });
});
