import { describe, expect, it } from 'vitest';
import { checkPage } from '../helpers/browser.ts';
import { useConsole } from '../helpers/console.ts';

/*
 * What a deployer's backend did (a service principal, docs/adr/service-principals.md), as the console
 * shows it: named "Backend (<client id>)" in the audit log, its actor filter and the invitations'
 * "Invited by", never as its raw `service:` id or an empty address.
 */
const { t, tag, poll, heading, adminAt, reloaded } = useConsole();

describe('the admin console: what a backend did', { timeout: 300_000 }, () => {
  it('Ally: sees the team and the invitation a backend made labelled "Backend (...)", filters the audit log to it, and sees it as the inviter', async () => {
    const { orgId, page } = await adminAt((id) => `/admin/${id}/audit`);
    const backend = await t.serviceToken(['teams:write', 'invitations:write']);
    const label = `Backend (${backend.clientId})`;
    const email = `by-backend.${tag()}@example.com`;
    expect((await t.as(backend).post(`/orgs/${orgId}/teams`, { name: 'Made by the backend' })).status).toBe(201);
    expect((await t.as(backend).post(`/orgs/${orgId}/invitations`, { emails: email, sendEmail: false })).status).toBe(201);
    await reloaded(page, 'Audit log');

    const table = page.getByRole('table', { name: 'Audit log' });
    const byBackend = table.getByRole('row').filter({ hasText: label });
    await poll(() => byBackend.count()).toBe(2);
    expect(await byBackend.locator('code').allTextContents()).toEqual(['invitation.sent', 'team.created']);
    expect(await table.textContent()).not.toContain('service:');

    // the backend is no member, yet the filter offers it by the same name
    await page.getByLabel('By', { exact: true }).selectOption({ label });
    await page.getByRole('button', { name: 'Apply' }).click();
    await poll(() => table.getByRole('row').count()).toBe(3);
    expect(await table.locator('tbody code').allTextContents()).toEqual(['invitation.sent', 'team.created']);
    await checkPage(page, 'console-audit-backend');

    await page.getByRole('navigation', { name: 'Organization admin' }).getByRole('link', { name: 'Invitations' }).click();
    await heading(page, 'Invitations').waitFor();
    const row = page.getByRole('row').filter({ hasText: email });
    await poll(() => row.getByRole('cell').nth(2).textContent()).toBe(label);
  });
});
