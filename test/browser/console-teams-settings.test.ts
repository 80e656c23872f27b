import { describe, expect, it } from 'vitest';
import { handler as deliveryEvents } from '../../functions/workers/delivery-events.ts';
import { checkPage } from '../helpers/browser.ts';
import { useConsole } from '../helpers/console.ts';
import { bounce, snsOf } from '../helpers/ses-events.ts';

/*
 * The admin console, driven as the reference products' docs describe each flow (shared/reference/),
 * against the local stack and the local OpenID provider. What a page shows is checked against the API
 * afterwards, so a page that only looks right fails. Here: teams, settings, the audit log.
 */
const { t, db, tag, poll, heading, status, adminAt, reloaded } = useConsole();

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
    const allowance = (await t.as(admin).get(`/orgs/${orgId}`)).body.org.limits!.invitationEmailsToday.allowance as number;
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
