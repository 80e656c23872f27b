import { describe, expect, it } from 'vitest';
import { checkPage } from '../helpers/browser.ts';
import { useConsole } from '../helpers/console.ts';

/*
 * The admin console, driven as the reference products' docs describe each flow (shared/reference/),
 * against the local stack and the local OpenID provider. What a page shows is checked against the API
 * afterwards, so a page that only looks right fails. Here: the invite dialog.
 */
const { t, db, tag, poll, status, adminAt, members, reloaded, inviteDialog, chip, pendingEmails } = useConsole();

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
    expect([real.status, real.body.code, real.body.rateLimit!.remaining]).toEqual([429, 'invitation_limit_reached', 48]);
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
