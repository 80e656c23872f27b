import { randomBytes } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { webDistDir } from '../../functions/local/web-build.ts';
import { handler as deliveryEvents } from '../../functions/workers/delivery-events.ts';
import { checkPage, signInAtProvider, useBrowser } from '../helpers/browser.ts';
import { direct } from '../helpers/direct.ts';
import { bounce, snsOf } from '../helpers/ses-events.ts';
import { type User, useStack } from '../helpers/stack.ts';

/*
 * The admin console, driven as the reference products' docs describe each flow (shared/reference/),
 * against the local stack and the local OpenID provider. What a page shows is checked against the API
 * afterwards, so a page that only looks right fails.
 */
// a sender reputation window of a few sends, so the Settings scenario can pause an org with two bounces
const t = useStack({ web: { distDir: webDistDir }, sendingGuard: { minSends: 2, maxBounceRate: 0.05, maxComplaintRate: 0.001, windowDays: 7 } });
const db = direct(t);
const browser = useBrowser();

const tag = () => randomBytes(3).toString('hex');
/** expect.poll with a wait fit for a loaded two-core machine (its default is one second). */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });
const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });
const status = (scope: Page | Locator) => scope.getByRole('status').first();

/** An admin with an org, signed in to the console's members page in a fresh browser. */
async function adminAt(path: (orgId: string) => string, orgName = `Globex ${tag()}`) {
  const admin = await t.user('Ada Admin');
  const org = await t.createOrg(admin, { name: orgName });
  const { page } = await browser.person();
  // two cores shared by several suites: generous, condition-based waits
  page.setDefaultTimeout(30_000);
  await page.goto(`${t.stack.web!.url}${path(org.orgId)}`);
  await heading(page, 'Sign in to continue').waitFor();
  await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
  await signInAtProvider(page, { email: admin.email, name: admin.name });
  // back on the page asked for, past the sign-in callback (a reload before that would replay the callback)
  const landing = path(org.orgId);
  await page.waitForURL((u) => u.pathname === landing);
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
    throw new Error(`after a reload "${title}" did not show; the page said: ${(await page.getByRole('main').textContent())?.slice(0, 300)}`, { cause: error });
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
    expect((await t.as(admin).get(`/orgs/${orgId}/members?q=grace`)).body.items[0].role).toBe('admin');
    await checkPage(page, 'console-member-panel', { main: true });
    await panel.getByLabel('Role').selectOption('member');
    await panel.getByRole('button', { name: 'Change role' }).click();
    await poll(() => status(panel).textContent()).toBe('Grace Hopper is now Member.');

    // suspend and reactivate
    await panel.getByRole('button', { name: 'Suspend' }).click();
    await poll(() => status(panel).textContent()).toContain('Grace Hopper is suspended');
    expect((await t.as(admin).get(`/orgs/${orgId}/members?q=grace`)).body.items[0].status).toBe('suspended');
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
    expect((await t.as(admin).get(`/orgs/${orgId}/members?q=ada%20admin`)).body.items[0].role).toBe('admin');
    await own.getByRole('button', { name: 'Close' }).click();

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

describe('the admin console: inviting, as the reference products do it', { timeout: 300_000 }, () => {
  it('Autodesk-style: a list pasted with commas, tabs, spaces and semicolons becomes chips; invalid, repeated and existing addresses are flagged before sending; the results come per recipient', async () => {
    const { admin, orgId, page } = await adminAt(members);
    const member = await t.user('Existing Member');
    await db.join(admin, orgId, member);
    const d = tag();
    const list = `one.${d}@example.com, two.${d}@example.com\tthree.${d}@example.com four.${d}@example.com;not-an-address ONE.${d}@example.com;${member.email}`;

    const dialog = await inviteDialog(page);
    await dialog.getByLabel('Email addresses').fill(list);
    await poll(() => dialog.getByRole('list', { name: 'Addresses to invite' }).getByRole('listitem').count()).toBe(7);
    await dialog.getByRole('button', { name: 'Check addresses' }).click();
    await poll(() => chip(dialog, 'not-an-address').textContent()).toContain('not a valid address');
    await poll(() => chip(dialog, `ONE.${d}@example.com`).textContent()).toContain('listed twice');
    await poll(() => chip(dialog, member.email).textContent()).toContain('already a member');
    await poll(() => chip(dialog, `three.${d}@example.com`).textContent()).toContain('will be invited');
    // the dry run wrote nothing
    expect(await pendingEmails(admin, orgId)).toEqual([]);
    await checkPage(page, 'console-invite-checked', { main: true });

    await dialog.getByRole('button', { name: 'Send 4 invitations' }).click();
    await poll(() => status(dialog).textContent()).toBe('4 people invited or added.');
    await checkPage(page, 'console-invite-results');
    expect(await pendingEmails(admin, orgId)).toEqual([`four.${d}@example.com`, `one.${d}@example.com`, `three.${d}@example.com`, `two.${d}@example.com`]);
  });

  it("the invite dialog shows before sending what the limits would refuse: addresses past the pending limit are flagged, and a list over today's email allowance is refused with the numbers", async () => {
    const { admin, orgId, page } = await adminAt(members);
    // the standard plan: 50 pending at once, 100 invitation emails a day for a new org; 50 sent, 2 revoked
    const sent = await t.invite(admin, orgId, { emails: Array.from({ length: 50 }, (_, i) => `held${i}.${tag()}@example.com`) });
    const ids = (sent.body.results as { invitationId: string }[]).map((r) => r.invitationId);
    const revoke = (id: string) => t.as(admin).post(`/orgs/${orgId}/invitations/${id}/revoke`);
    for (const id of ids.slice(0, 2)) expect((await revoke(id)).status).toBe(200);
    const d = tag();
    const three = [`a.${d}@example.com`, `b.${d}@example.com`, `c.${d}@example.com`];

    const dialog = await inviteDialog(page);
    await dialog.getByLabel('Email addresses').fill(three.join('\n'));
    await dialog.getByRole('button', { name: 'Check addresses' }).click();
    await poll(() => chip(dialog, three[2]!).textContent()).toContain("over the plan's limit of pending invitations");
    expect(await chip(dialog, three[0]!).textContent()).toContain('will be invited');
    await dialog.getByRole('button', { name: 'Send 2 invitations' }).click();
    await poll(() => status(dialog).textContent()).toBe('2 people invited or added.');
    expect((await t.as(admin).get(`/orgs/${orgId}`)).body.org.counts.pendingInvitations).toBe(50);
    await dialog.getByRole('button', { name: 'Close' }).click();

    // every place free again, but 52 of the 100 emails used: a list of 49 does not fit
    const pending = ((await t.as(admin).get(`/orgs/${orgId}/invitations?status=pending&limit=200`)).body.items as { invitationId: string }[]).map(
      (x) => x.invitationId,
    );
    expect(pending).toHaveLength(50);
    for (let i = 0; i < pending.length; i += 8) await Promise.all(pending.slice(i, i + 8).map(async (id) => expect((await revoke(id)).status).toBe(200)));
    const many = Array.from({ length: 49 }, (_, i) => `m${i}.${d}@example.com`);
    const again = await inviteDialog(page);
    await again.getByLabel('Email addresses').fill(many.join(', '));
    await again.getByRole('button', { name: 'Check addresses' }).click();
    await poll(() => again.getByRole('alert').textContent()).toContain('This organization can send 48 more invitation emails today (of 100)');
    await checkPage(page, 'console-invite-over-allowance');
    expect(await again.getByRole('button', { name: /^Send / }).count()).toBe(0);
    expect(await pendingEmails(admin, orgId)).toEqual([]);
    // the real invite is refused with the same code
    const real = await t.invite(admin, orgId, { emails: many });
    expect([real.status, real.body.code, real.body.rateLimit.remaining]).toEqual([429, 'invitation_limit_reached', 48]);
  });

  it('Autodesk-style: one person gets first and last names, the admin role and products in the per-person form, others come from a CSV file; the invitations carry them', async () => {
    const { admin, orgId, page } = await adminAt(members);
    expect(
      (
        await t.as(admin).patch(`/orgs/${orgId}`, {
          products: [
            { key: 'cad', name: 'CAD Suite' },
            { key: 'render', name: 'Render Farm' },
          ],
        })
      ).status,
    ).toBe(200);
    await reloaded(page, 'Members');
    const d = tag();
    const dialog = await inviteDialog(page);
    await dialog.getByLabel('Email addresses').fill(`plain.${d}@example.com`);
    await dialog.getByRole('button', { name: 'Add a person with details' }).click();
    const form = dialog.getByRole('group', { name: 'A person with their own details' });
    await form.getByLabel('Email').fill(`ann.${d}@example.com`);
    await form.getByLabel('First name').fill('Ann');
    await form.getByLabel('Last name').fill('Lee');
    await form.getByLabel('Their role').selectOption('admin');
    await form.getByLabel('CAD Suite').check();
    await checkPage(page, 'console-invite-person');
    await form.getByRole('button', { name: 'Add person' }).click();
    const csv = `email,first name,last name,role\nbo.${d}@example.com,Bo,Berg,viewer\n"cy.${d}@example.com","Cy, Jr.",Case,\n`;
    await dialog
      .getByLabel('Or upload a CSV file (email, first name, last name, role)')
      .setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await poll(() => dialog.getByRole('status').first().textContent()).toBe('2 people read from people.csv.');
    await poll(() => dialog.getByRole('list', { name: 'People with details' }).getByRole('listitem').count()).toBe(3);
    await dialog.getByRole('button', { name: 'Check addresses' }).click();
    await dialog.getByRole('button', { name: 'Send 4 invitations' }).click();
    await poll(() => status(dialog).textContent()).toBe('4 people invited or added.');

    const items = (await t.as(admin).get(`/orgs/${orgId}/invitations?status=pending`)).body.items as {
      email: string;
      role: string;
      firstName?: string;
      lastName?: string;
    }[];
    const by = (e: string) => items.find((i) => i.email === e);
    expect(by(`ann.${d}@example.com`)).toMatchObject({ role: 'admin', firstName: 'Ann', lastName: 'Lee' });
    expect(by(`bo.${d}@example.com`)).toMatchObject({ role: 'viewer', firstName: 'Bo', lastName: 'Berg' });
    expect(by(`cy.${d}@example.com`)).toMatchObject({ role: 'member', firstName: 'Cy, Jr.', lastName: 'Case' });
    expect(by(`plain.${d}@example.com`)).toMatchObject({ role: 'member' });
    // the products travel with Ann's invitation to her membership
    const ann = await t.user('Ann Lee', { email: `ann.${d}@example.com` });
    expect((await t.as(ann).post('/invitations/accept', { token: await t.linkTokenFor(ann.email) })).status).toBe(200);
    expect((await t.as(admin).get(`/orgs/${orgId}/members?q=ann.${d}`)).body.items[0]).toMatchObject({ role: 'admin', products: ['cad'] });
  });

  it('Ally: invites two people by a semicolon-separated list into a team; a suspended user is flagged when invited again, and reactivated', async () => {
    const { admin, orgId, page } = await adminAt(members);
    const team = (await t.as(admin).post(`/orgs/${orgId}/teams`, { name: 'Design' })).body.team as { teamId: string };
    const sam = await t.user('Sam Suspended');
    await db.join(admin, orgId, sam);
    await reloaded(page, 'Members');
    const d = tag();

    const dialog = await inviteDialog(page);
    await dialog.getByLabel('Email addresses').fill(`kim.${d}@example.com;lee.${d}@example.com`);
    await dialog.getByRole('group', { name: 'Teams' }).getByLabel('Design').check();
    await dialog.getByRole('button', { name: 'Check addresses' }).click();
    await dialog.getByRole('button', { name: 'Send 2 invitations' }).click();
    await poll(() => status(dialog).textContent()).toBe('2 people invited or added.');
    const pending = (await t.as(admin).get(`/orgs/${orgId}/invitations?status=pending`)).body.items as { email: string; teams: string[] }[];
    expect(pending.map((i) => [i.email, i.teams])).toEqual(
      expect.arrayContaining([
        [`kim.${d}@example.com`, [team.teamId]],
        [`lee.${d}@example.com`, [team.teamId]],
      ]),
    );
    await dialog.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Manage Sam Suspended' }).click();
    const panel = page.getByRole('dialog', { name: 'Manage Sam Suspended' });
    await panel.getByRole('button', { name: 'Suspend' }).click();
    await poll(() => status(panel).textContent()).toContain('is suspended');
    await panel.getByRole('button', { name: 'Close' }).click();

    const again = await inviteDialog(page);
    await again.getByLabel('Email addresses').fill(sam.email);
    await again.getByRole('button', { name: 'Check addresses' }).click();
    await poll(() => chip(again, sam.email).textContent()).toContain('a suspended member');
    await poll(() => again.getByRole('status').textContent()).toBe('None of these addresses can be invited.');
    await again.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Manage Sam Suspended' }).click();
    await panel.getByRole('button', { name: 'Reactivate' }).click();
    await poll(() => status(panel).textContent()).toBe('Sam Suspended is active again.');
    expect((await t.as(sam).get(`/orgs/${orgId}`)).status).toBe(200);
  });

  it('Project platform: an existing user of an allowed domain is added at once with direct add on', async () => {
    const { admin, orgId, page } = await adminAt(members);
    await t.setPlan(orgId, 'enterprise');
    const colleague = await t.user('Casey Colleague', { email: `casey.${tag()}@corp.example` });
    await t.createOrg(colleague);
    expect((await t.as(admin).patch(`/orgs/${orgId}`, { allowedDomains: ['corp.example'], directAddExistingUsers: true })).status).toBe(200);
    await reloaded(page, 'Members');

    const dialog = await inviteDialog(page);
    await dialog.getByLabel('Email addresses').fill(colleague.email);
    await dialog.getByRole('button', { name: 'Check addresses' }).click();
    await poll(() => chip(dialog, colleague.email).textContent()).toContain('will be added at once (direct add)');
    await dialog.getByRole('button', { name: 'Send 1 invitation' }).click();
    await poll(() => status(dialog).textContent()).toBe('1 person invited or added.');
    expect(await dialog.getByRole('list').getByRole('listitem').allTextContents()).toEqual([`${colleague.email}: added`]);
    const seen = await t.as(colleague).get(`/orgs/${orgId}`);
    expect(seen.status, JSON.stringify(seen.body)).toBe(200);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await poll(() => page.getByRole('table', { name: 'Members' }).textContent()).toContain(colleague.email);
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

describe('the admin console: teams, settings, audit log', { timeout: 300_000 }, () => {
  it('Ally: creates and renames a team, adds an existing member from the Teams page, invites straight into the team skipping the email, deletes a team with a confirmation', async () => {
    const { admin, orgId, page } = await adminAt((id) => `/admin/${id}/teams`);
    const mia = await t.user('Mia Member');
    await db.join(admin, orgId, mia);
    await heading(page, 'Teams').waitFor();

    await page.getByLabel('New team name').fill('Support');
    await page.getByRole('button', { name: 'Create team' }).click();
    await poll(() => status(page).textContent()).toBe('Team Support created.');
    await page.getByRole('button', { name: 'Rename Support' }).click();
    await page.getByRole('textbox', { name: 'Rename Support' }).fill('Customer Support');
    await page.getByRole('button', { name: 'Save' }).click();
    await poll(() => status(page).textContent()).toBe('Team Support is now Customer Support.');
    const teamId = ((await t.as(admin).get(`/orgs/${orgId}/teams`)).body.items as { teamId: string; name: string }[]).find(
      (x) => x.name === 'Customer Support',
    )?.teamId;
    expect(teamId).toBeTruthy();
    await checkPage(page, 'console-teams', { main: true });

    await page.getByRole('button', { name: 'Members of Customer Support' }).click();
    const panel = page.getByRole('dialog', { name: 'Team Customer Support' });
    await panel.getByLabel('Find a member to add (name or email)').fill('mia');
    await panel.getByRole('button', { name: 'Find', exact: true }).click();
    await panel.getByRole('button', { name: 'Add Mia Member to the team' }).click();
    await poll(() => status(panel).textContent()).toBe('Mia Member is now in Customer Support.');
    await poll(() => panel.getByRole('list', { name: 'Members of Customer Support' }).textContent()).toContain(mia.email);
    await checkPage(page, 'console-team-panel');
    expect((await t.as(admin).get(`/orgs/${orgId}/members?teamId=${teamId}`)).body.items.map((m: { userId: string }) => m.userId)).toEqual([mia.userId]);
    await panel.getByRole('button', { name: 'Close' }).click();

    const quiet = `quiet.${tag()}@example.com`;
    await page.getByRole('button', { name: 'Invite people to Customer Support' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite members' });
    expect(await dialog.getByRole('group', { name: 'Teams' }).getByLabel('Customer Support').isChecked()).toBe(true);
    await dialog.getByLabel('Email addresses').fill(quiet);
    await dialog.getByLabel('Send the invitation email').uncheck();
    await dialog.getByRole('button', { name: 'Check addresses' }).click();
    await dialog.getByRole('button', { name: 'Send 1 invitation' }).click();
    await poll(() => status(dialog).textContent()).toBe('1 person invited or added.');
    const inv = (
      (await t.as(admin).get(`/orgs/${orgId}/invitations?status=pending`)).body.items as { email: string; teams: string[]; sendEmail: boolean }[]
    ).find((i) => i.email === quiet);
    expect(inv).toMatchObject({ teams: [teamId], sendEmail: false });
    expect(await t.emailsTo(quiet)).toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Delete Customer Support' }).click();
    await page.getByRole('dialog', { name: 'Delete the team Customer Support?' }).getByRole('button', { name: 'Delete team' }).click();
    await poll(() => status(page).textContent()).toBe('Team Customer Support deleted.');
    expect((await t.as(admin).get(`/orgs/${orgId}/teams`)).body.items).toEqual([]);
  });

  it('Ally: sets allowed domains and auto-join in Settings, and a colleague of that domain joins; a field the API refuses is explained', async () => {
    const { orgId, page } = await adminAt((id) => `/admin/${id}/settings`);
    await heading(page, 'Settings').waitFor();
    await page.getByLabel('Allowed email domains').fill('bad domain!');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await poll(() => page.getByRole('alert').textContent()).toContain('is not a domain');

    await page.getByLabel('Allowed email domains').fill('ally.example');
    await page.getByLabel(/join without an invitation/).check();
    await page.getByLabel('Role of people who join by domain').selectOption('viewer');
    await page.getByLabel('Invitation lifetime (days, 1 to 30)').fill('14');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await poll(() => status(page).textContent()).toBe('Settings saved.');
    await checkPage(page, 'console-settings', { main: true });

    const colleague = await t.user('Cole League', { email: `cole.${tag()}@ally.example` });
    const joined = await t.as(colleague).post(`/orgs/${orgId}/join`);
    expect(joined.status).toBe(200);
    expect(joined.body.membership.role).toBe('viewer');
    const org = (await t.as(colleague).get(`/orgs/${orgId}`)).body.org;
    expect(org.settings).toMatchObject({ allowedDomains: ['ally.example'], autoJoin: { enabled: true, role: 'viewer' }, invitationTtlDays: 14 });
  });

  it("Settings shows the org's sending and limits: today's emails against the allowance; after bounces pause the org, what that means and how the operator resumes it; resumed, the banner is gone", async () => {
    const { admin, orgId, page } = await adminAt((id) => `/admin/${id}/settings`);
    const section = page.getByRole('region', { name: 'Sending and limits' });
    await section.getByText('Invitation emails are being sent.').waitFor();
    const allowance = (await t.as(admin).get(`/orgs/${orgId}`)).body.org.limits.invitationEmailsToday.allowance as number;
    const emailsToday = () =>
      section
        .getByRole('definition')
        .filter({ hasText: / of \d+/ })
        .first()
        .textContent();
    await poll(emailsToday).toMatch(new RegExp(`^0 of ${allowance}`));

    // two invitation emails go out, and both hard-bounce: over the (test's) threshold, the org is paused
    const sent = await t.invite(admin, orgId, { emails: [`gone.${tag()}@example.com`, `nobody.${tag()}@example.com`] });
    await t.stack.settle();
    for (const r of sent.body.results as { email: string; invitationId: string }[]) {
      await deliveryEvents(snsOf(bounce(r.email, { orgId, invitationId: r.invitationId, sendCount: '1', kind: 'invitation' })));
    }
    expect((await t.as(admin).get(`/orgs/${orgId}`)).body.org.sending).toMatchObject({ status: 'paused', reason: 'bounce_rate' });

    await reloaded(page, 'Settings');
    const banner = section.locator('.alert');
    await section.getByRole('heading', { name: 'Invitation emails are paused' }).waitFor();
    // the rates when the guard paused: the first bounce of two sends was over 5 %
    expect(await banner.textContent()).toContain('1 of the last 2 (50.0 %) could not be delivered');
    expect(await banner.textContent()).toContain('no invitation emails, resends or reminders go out');
    expect(await banner.getByRole('code').textContent()).toBe(`npm run resume-sending -- ${orgId}`);
    await poll(emailsToday).toMatch(new RegExp(`^2 of ${allowance}`));
    await checkPage(page, 'console-settings-paused');

    // the operator runs the command the banner gives; the page then says sending goes on
    expect((await t.resumeSending(orgId)).result).toMatchObject({ resumed: true });
    await reloaded(page, 'Settings');
    await section.getByText('Invitation emails are being sent.').waitFor();
    expect(await section.getByRole('heading', { name: 'Invitation emails are paused' }).count()).toBe(0);
  });

  it('PartnerAlly: reads the audit log filtered to invitation events, pages through it and exports the filtered list as CSV', async () => {
    const { admin, orgId, page } = await adminAt((id) => `/admin/${id}/audit`);
    const d = tag();
    // 52 invitation events (40 sent, 12 revoked) and one team event the filter leaves out
    const emails = Array.from({ length: 40 }, (_, i) => `a${i}.${d}@example.com`);
    const sent = await t.invite(admin, orgId, { emails, sendEmail: false });
    expect(sent.status).toBe(201);
    for (const r of sent.body.results.slice(0, 12)) expect((await t.as(admin).post(`/orgs/${orgId}/invitations/${r.invitationId}/revoke`)).status).toBe(200);
    expect((await t.as(admin).post(`/orgs/${orgId}/teams`, { name: 'Noise' })).status).toBe(201);
    await reloaded(page, 'Audit log');

    await page.getByLabel('Events').selectOption('invitation.*');
    await page.getByRole('button', { name: 'Apply' }).click();
    const rows = page.getByRole('table', { name: 'Audit log' }).getByRole('row');
    await poll(() => rows.count()).toBe(51);
    await page.getByRole('button', { name: 'Show more' }).click();
    await poll(() => rows.count()).toBe(53);
    // newest first
    const types = await page.getByRole('table', { name: 'Audit log' }).locator('tbody code').allTextContents();
    expect(types).toEqual([...Array(12).fill('invitation.revoked'), ...Array(40).fill('invitation.sent')]);
    await checkPage(page, 'console-audit', { main: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = await import('node:fs/promises').then(async (fs) => fs.readFile(await download.path(), 'utf8'));
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('at,type,actor,target,details,eventId');
    expect(lines).toHaveLength(53);
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(types);
    expect(lines.slice(1).every((l) => l.includes(admin.email))).toBe(true);
    expect(csv).not.toContain('team.created');
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
