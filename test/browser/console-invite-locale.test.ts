import { describe, expect, it } from 'vitest';
import { checkPage } from '../helpers/browser.ts';
import { useConsole } from '../helpers/console.ts';

/*
 * Branded emails in the invitee's language (issue 23, section 4) from the invite dialog: the admin picks
 * the emails' language and the recipients' time zone; a name that is not a time zone is refused in words
 * before anything is sent; what was chosen is on the invitation and in the email the local SES received.
 */
const { t, tag, poll, status, adminAt, invitations, inviteDialog, chip } = useConsole();

describe('the admin console: the invitation email in the invitee language and time zone', { timeout: 300_000 }, () => {
  it('invites in German with dates in Berlin time; a made-up zone is refused in words and nothing is sent', async () => {
    const { admin, orgId, page } = await adminAt(invitations);
    const invitee = `kollegin.${tag()}@example.com`;

    const dialog = await inviteDialog(page);
    await dialog.getByLabel('Email addresses').fill(invitee);
    await dialog.getByLabel('Email language').selectOption({ label: 'Deutsch' });
    const zone = dialog.getByLabel("Recipients' time zone (optional)");
    await zone.fill('Mars/Olympus_Mons');
    await dialog.getByRole('button', { name: 'Check addresses' }).click();
    await poll(() => dialog.getByRole('alert').textContent()).toBe(
      'Enter a time zone name such as Europe/Berlin or America/New_York (an offset such as +02:00 is not a time zone name).',
    );
    expect(await t.emailsTo(invitee)).toEqual([]);

    await zone.fill('Europe/Berlin');
    await dialog.getByRole('button', { name: 'Check addresses' }).click();
    await poll(() => chip(dialog, invitee).textContent()).toContain('will be invited');
    await checkPage(page, 'console-invite-locale');
    await dialog.getByRole('button', { name: 'Send 1 invitation' }).click();
    await poll(() => status(dialog).textContent()).toBe('1 person invited or added.');

    const items = (await t.as(admin).get(`/orgs/${orgId}/invitations?status=pending`)).body.items as {
      email: string;
      locale?: string;
      timeZone?: string;
      expiresAt: string;
    }[];
    const sent = items.filter((i) => i.email === invitee);
    expect(sent.map((i) => ({ locale: i.locale, timeZone: i.timeZone }))).toEqual([{ locale: 'de', timeZone: 'Europe/Berlin' }]);
    await poll(async () => (await t.emailsTo(invitee)).length).toBe(1);
    const [mail] = await t.emailsTo(invitee);
    expect(mail?.subject).toMatch(/ hat Sie zu .+ eingeladen$/);
    // the expiry date in German, in Berlin time, as the emails write dates (shared/domain/notifications/layout.ts)
    const berlin = new Intl.DateTimeFormat('de', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
      timeZone: 'Europe/Berlin',
    }).format(new Date(sent[0]?.expiresAt as string));
    expect(mail?.text).toContain(berlin);
  });
});
