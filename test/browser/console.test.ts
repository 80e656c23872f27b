import { describe, expect, it } from 'vitest';
import { checkPage } from '../helpers/browser.ts';
import { useConsole } from '../helpers/console.ts';

/*
 * The admin console, driven as the reference products' docs describe each flow (shared/reference/),
 * against the local stack and the local OpenID provider. What a page shows is checked against the API
 * afterwards, so a page that only looks right fails. Here: members, invitations, organizations;
 * inviting is console-invite.test.ts, teams, settings and the audit log console-teams-settings.test.ts.
 */
const { t, db, browser, tag, poll, heading, status, adminAt, members, invitations, reloaded, inviteDialog, chip, pendingEmails } = useConsole();

describe('the admin console: members', { timeout: 300_000 }, () => {
  it('lists members with paging, search and filters; a member panel changes a role (explaining last_admin), suspends, reactivates and removes with a confirmation', async () => {
    const { admin, orgId, page } = await adminAt(members);
    const grace = await t.user('Grace Hopper');
    await db.join(admin, orgId, grace);
    const alan = await t.user('Alan Turing');
    await db.join(admin, orgId, alan, 'viewer');
    // 53 members: the first page shows 50, "Show more" the rest
    for (let i = 0; i < 50; i++) await db.join(admin, orgId, await t.user(`Member ${String(i).padStart(2, '0')}`));
    await reloaded(page, 'Members');
    const rows = page.getByRole('table', { name: 'Members' }).getByRole('row');
    await poll(() => rows.count()).toBe(51); // header + 50
    await page.getByRole('button', { name: 'Show more' }).click();
    await poll(() => rows.count()).toBe(54);
    await checkPage(page, 'console-members', { main: true });

    await page.getByLabel('Search by name or email').fill('grace hop');
    await page.getByLabel('Search by name or email').press('Enter');
    await poll(() => rows.allTextContents()).toEqual([expect.any(String), expect.stringContaining(grace.email)]);
    await page.getByLabel('Search by name or email').fill('');
    await page.getByLabel('Role', { exact: true }).selectOption('viewer');
    await poll(() => rows.allTextContents()).toEqual([expect.any(String), expect.stringContaining(alan.email)]);
    await page.getByLabel('Role', { exact: true }).selectOption('');
    await page.getByLabel('Search by name or email').fill('grace');
    await page.getByLabel('Search by name or email').press('Enter');
    await poll(() => rows.count()).toBe(2);

    // make Grace an admin, and back
    await page.getByRole('button', { name: 'Manage Grace Hopper' }).click();
    const panel = page.getByRole('dialog', { name: 'Manage Grace Hopper' });
    await panel.getByLabel('Role').selectOption('admin');
    await panel.getByRole('button', { name: 'Change role' }).click();
    await poll(() => status(panel).textContent()).toBe('Grace Hopper is now Admin.');
    expect((await t.as(admin).get(`/orgs/${orgId}/members?q=grace`)).body.items[0]!.role).toBe('admin');
    await checkPage(page, 'console-member-panel', { main: true });
    await panel.getByLabel('Role').selectOption('member');
    await panel.getByRole('button', { name: 'Change role' }).click();
    await poll(() => status(panel).textContent()).toBe('Grace Hopper is now Member.');

    // suspend and reactivate
    await panel.getByRole('button', { name: 'Suspend' }).click();
    await poll(() => status(panel).textContent()).toContain('Grace Hopper is suspended');
    expect((await t.as(admin).get(`/orgs/${orgId}/members?q=grace`)).body.items[0]!.status).toBe('suspended');
    await poll(() => rows.nth(1).textContent()).toContain('Suspended');
    await panel.getByRole('button', { name: 'Reactivate' }).click();
    await poll(() => status(panel).textContent()).toBe('Grace Hopper is active again.');
    await panel.getByRole('button', { name: 'Close' }).click();

    // the only admin cannot demote herself: the panel says why
    await page.getByLabel('Search by name or email').fill('ada admin');
    await page.getByLabel('Search by name or email').press('Enter');
    await page.getByRole('button', { name: 'Manage Ada Admin' }).click();
    const own = page.getByRole('dialog', { name: 'Manage Ada Admin' });
    await own.getByLabel('Role').selectOption('member');
    await own.getByRole('button', { name: 'Change role' }).click();
    await poll(() => own.getByRole('alert').textContent()).toContain('must keep at least one active admin');
    await checkPage(page, 'console-last-admin');
    expect((await t.as(admin).get(`/orgs/${orgId}/members?q=ada%20admin`)).body.items[0]!.role).toBe('admin');
    await own.getByRole('button', { name: 'Close' }).click();
    // closed with the click's own render, not a frame later: the page behind is usable at once
    expect(await page.locator('dialog[open]').count()).toBe(0);

    // remove, with a confirmation
    await page.getByLabel('Search by name or email').fill('alan');
    await page.getByLabel('Search by name or email').press('Enter');
    await page.getByRole('button', { name: 'Manage Alan Turing' }).click();
    const alanPanel = page.getByRole('dialog', { name: 'Manage Alan Turing' });
    await alanPanel.getByRole('button', { name: 'Remove from organization' }).click();
    await alanPanel.getByRole('group', { name: 'Remove Alan Turing?' }).waitFor();
    await checkPage(page, 'console-remove-confirm');
    await alanPanel.getByRole('button', { name: 'Remove member' }).click();
    await poll(() => status(page).textContent()).toBe('Alan Turing was removed.');
    expect((await t.as(alan).get(`/orgs/${orgId}`)).status).toBe(404);
  });
});

describe('the admin console: invitations', { timeout: 300_000 }, () => {
  it('PartnerAlly: invites viewers by a newline-separated list into a team, sees them pending, revokes one (its link then says so), sees an expired one, and is told an address is outside the allowed domains', async () => {
    const { admin, orgId, page } = await adminAt(invitations);
    const team = (await t.as(admin).post(`/orgs/${orgId}/teams`, { name: 'Partners' })).body.team as { teamId: string };
    expect((await t.as(admin).patch(`/orgs/${orgId}`, { allowedDomains: ['partner.example'] })).status).toBe(200);
    await reloaded(page, 'Invitations');
    const d = tag();
    const [p1, p2, p3] = [`p1.${d}@partner.example`, `p2.${d}@partner.example`, `p3.${d}@partner.example`];

    const dialog = await inviteDialog(page);
    await dialog.getByLabel('Email addresses').fill(`${p1}\n${p2}\n${p3}\noutsider.${d}@elsewhere.org`);
    await dialog.getByLabel('Role', { exact: true }).selectOption('viewer');
    await dialog.getByRole('group', { name: 'Teams' }).getByLabel('Partners').check();
    await dialog.getByRole('button', { name: 'Check addresses' }).click();
    await poll(() => chip(dialog, `outsider.${d}@elsewhere.org`).textContent()).toContain('outside the allowed domains');
    await dialog.getByRole('button', { name: 'Send 3 invitations' }).click();
    await poll(() => status(dialog).textContent()).toBe('3 people invited or added.');
    await dialog.getByRole('button', { name: 'Close' }).click();

    const rows = page.getByRole('table').getByRole('row');
    await poll(() => rows.count()).toBe(4);
    await poll(() => rows.filter({ hasText: p1 }).textContent()).toMatch(/Viewer.*Ada Admin/);
    await poll(() => rows.filter({ hasText: p1 }).textContent()).toContain('in 7 days');
    const items = (await t.as(admin).get(`/orgs/${orgId}/invitations?status=pending`)).body.items as { email: string; role: string; teams: string[] }[];
    expect(items.every((i) => i.role === 'viewer' && i.teams[0] === team.teamId)).toBe(true);
    await checkPage(page, 'console-invitations', { main: true });

    await page.getByRole('button', { name: `Revoke the invitation to ${p2}` }).click();
    const confirm = page.getByRole('dialog', { name: `Revoke the invitation to ${p2}?` });
    await checkPage(page, 'console-revoke-confirm');
    await confirm.getByRole('button', { name: 'Revoke invitation' }).click();
    await poll(() => status(page).textContent()).toBe(`The invitation to ${p2} was revoked.`);
    await poll(() => rows.count()).toBe(3);
    const link = /https?:\/\/\S+\/accept\?token=[A-Za-z0-9_.-]+/.exec((await t.emailsTo(p2)).at(-1)?.text ?? '')?.[0];
    const { page: invitee } = await browser.person();
    await invitee.goto(link as string);
    await heading(invitee, 'This invitation was withdrawn').waitFor();

    await t.setClock(8 * 86_400);
    try {
      await page.getByLabel('Show').selectOption('expired');
      await poll(() => rows.count()).toBe(3);
      await poll(() => page.getByRole('table').textContent()).toContain(p1);
      await page.getByLabel('Show').selectOption('revoked');
      await poll(() => page.getByRole('table').textContent()).toContain(p2);
    } finally {
      await t.setClock(0);
    }
  });

  it('Rally: an org without a primary contact invites one and two team members in one flow; once the contact accepts, the org has its primary contact', async () => {
    const { admin, orgId, page } = await adminAt(members);
    const team = (await t.as(admin).post(`/orgs/${orgId}/teams`, { name: 'Field Team' })).body.team as { teamId: string };
    await reloaded(page, 'Members');
    const d = tag();
    const contact = `pat.${d}@rally.example`;

    await page.getByRole('button', { name: 'Invite primary contact' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite the primary contact' });
    const form = dialog.getByRole('group', { name: 'A person with their own details' });
    expect(await form.getByLabel("The organization's primary contact").isChecked()).toBe(true);
    await form.getByLabel('Email').fill(contact);
    await form.getByLabel('First name').fill('Pat');
    await form.getByLabel('Last name').fill('Prime');
    await form.getByRole('button', { name: 'Add person' }).click();
    await dialog.getByLabel('Email addresses').fill(`m1.${d}@rally.example\nm2.${d}@rally.example`);
    await dialog.getByRole('group', { name: 'Teams' }).getByLabel('Field Team').check();
    await dialog.getByRole('button', { name: 'Check addresses' }).click();
    await checkPage(page, 'console-invite-primary-contact');
    await dialog.getByRole('button', { name: 'Send 3 invitations' }).click();
    await poll(() => status(dialog).textContent()).toBe('3 people invited or added.');

    const items = (await t.as(admin).get(`/orgs/${orgId}/invitations?status=pending`)).body.items as {
      email: string;
      teams: string[];
      primaryContact?: boolean;
    }[];
    expect(items.map((i) => i.email).sort()).toEqual([`m1.${d}@rally.example`, `m2.${d}@rally.example`, contact]);
    expect(items.every((i) => i.teams[0] === team.teamId)).toBe(true);
    const pat = await t.user('Pat Prime', { email: contact });
    expect((await t.as(pat).post('/invitations/accept', { token: await t.linkTokenFor(contact) })).status).toBe(200);
    expect((await t.as(admin).get(`/orgs/${orgId}`)).body.org.primaryContactUserId).toBe(pat.userId);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await poll(() => page.getByRole('button', { name: 'Invite primary contact' }).count()).toBe(0);
  });

  it('selects several pending invitations to resend or revoke at once, and is told which could not be', async () => {
    const { admin, orgId, page } = await adminAt(invitations);
    const d = tag();
    const [a, b, c] = [`a.${d}@example.com`, `b.${d}@example.com`, `c.${d}@example.com`];
    expect((await t.invite(admin, orgId, { emails: [a, b, c] })).status).toBe(201);
    await reloaded(page, 'Invitations');
    const rows = page.getByRole('table').getByRole('row');
    await poll(() => rows.count()).toBe(4);

    await page.getByLabel(`Select the invitation to ${a}`).check();
    await page.getByLabel(`Select the invitation to ${b}`).check();
    // sent a moment ago: both resends are refused for now, each with its wait
    await page.getByRole('button', { name: 'Resend 2 selected' }).click();
    await poll(() => page.getByRole('alert').textContent()).toMatch(/^0 invitations sent again\. 2 could not be:.*Sent recently/);
    await page.getByLabel(`Select the invitation to ${a}`).check();
    await page.getByLabel(`Select the invitation to ${b}`).check();
    await page.getByRole('button', { name: 'Revoke 2 selected' }).click();
    await page.getByRole('dialog', { name: 'Revoke 2 invitations?' }).getByRole('button', { name: 'Revoke invitation' }).click();
    await poll(() => status(page).textContent()).toBe('2 invitations revoked.');
    await poll(() => rows.count()).toBe(2);
    expect(await pendingEmails(admin, orgId)).toEqual([c]);
  });

  it('Rally: a resend right after sending is refused with the time to wait; later it goes; once accepted, the invitation leaves the pending list and its resend with it', async () => {
    const { admin, orgId, page } = await adminAt(invitations);
    const bo = await t.user('Bo Rally');
    expect((await t.invite(admin, orgId, { emails: bo.email })).status).toBe(201);
    await reloaded(page, 'Invitations');
    const rows = page.getByRole('table').getByRole('row');
    await poll(() => rows.count()).toBe(2);

    await page.getByRole('button', { name: `Resend the invitation to ${bo.email}` }).click();
    await poll(() => page.getByRole('alert').textContent()).toMatch(/Sent recently: the next resend is possible in \d+ seconds/);
    await poll(() => page.getByRole('button', { name: `Resend the invitation to ${bo.email}` }).isDisabled()).toBe(true);
    await poll(() => rows.nth(1).textContent()).toMatch(/Resend possible in \d+ s/);
    await checkPage(page, 'console-resend-limited');

    await t.setClock(120);
    try {
      await reloaded(page, 'Invitations');
      await page.getByRole('button', { name: `Resend the invitation to ${bo.email}` }).click();
      await poll(() => status(page).textContent()).toBe(`The invitation to ${bo.email} was sent again.`);
      // sends requested (after the select box, role, inviter, sent, expiry, delivery); the emails really sent,
      // under it while fewer, follow once the dispatcher has sent the new one
      await poll(() => rows.nth(1).getByRole('cell').nth(6).textContent()).toMatch(/^2(\d+ emails? sent)?$/);
      const token = await t.linkTokenFor(bo.email);
      expect((await t.as(bo).post('/invitations/accept', { token })).status).toBe(200);
      await reloaded(page, 'Invitations');
      await page.getByText('No pending invitations.').waitFor();
      expect(await page.getByRole('button', { name: `Resend the invitation to ${bo.email}` }).count()).toBe(0);
      await page.getByLabel('Show').selectOption('accepted');
      await poll(() => page.getByRole('table').textContent()).toContain(bo.email);
    } finally {
      await t.setClock(0);
    }
  });
});

describe('the admin console: organizations', { timeout: 300_000 }, () => {
  it('creates an organization from My organizations, lands in its console, and switches between the orgs it administers', async () => {
    const { orgId, page } = await adminAt(() => '/organizations', 'First Org');
    await heading(page, 'My organizations').waitFor();
    const name = `Second Org ${tag()}`;
    await page.getByLabel('Organization name').fill(name);
    await checkPage(page, 'my-organizations-create');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await heading(page, 'Members').waitFor();
    const secondId = /\/admin\/([^/]+)\/members/.exec(new URL(page.url()).pathname)?.[1];
    expect(secondId).toBeTruthy();
    expect(secondId).not.toBe(orgId);
    await poll(() => page.getByRole('main').textContent()).toContain(name);

    await page.getByLabel('Organization', { exact: true }).selectOption(orgId);
    await page.waitForURL(`**/admin/${orgId}/members`);
    await poll(() => page.getByRole('link', { name: 'First Org' }).count()).toBe(1);
  });
});
