import { describe, expect, it } from 'vitest';
import { parseSesEvent } from '../../shared/adapters/ses/events.ts';
import { expirySchedule, reminderSchedule } from '../../shared/domain/invitations/schedules.ts';

const inv = { invitationId: 'inv_1', orgId: 'org_1', expiresAt: '2026-01-08T12:00:00.250Z', sendCount: 1 };
const created = new Date('2026-01-01T12:00:00.250Z');

describe('when reminders and expiries are scheduled', () => {
  it('the reminder is reminderHoursBeforeExpiry before the deadline, in whole seconds', () => {
    expect(reminderSchedule(inv, { reminderHoursBeforeExpiry: 48 }, created)).toEqual({
      name: 'reminder-inv_1',
      at: new Date('2026-01-06T12:00:00.000Z'),
      job: { kind: 'reminder', orgId: 'org_1', invitationId: 'inv_1' },
    });
  });

  it('no reminder when the setting is 0, before any email went out (silent), or when the reminder time has passed', () => {
    expect(reminderSchedule(inv, { reminderHoursBeforeExpiry: 0 }, created)).toBeNull();
    expect(reminderSchedule({ ...inv, sendCount: 0 }, { reminderHoursBeforeExpiry: 48 }, created)).toBeNull();
    expect(reminderSchedule(inv, { reminderHoursBeforeExpiry: 720 }, created)).toBeNull();
    expect(reminderSchedule(inv, { reminderHoursBeforeExpiry: 48 }, new Date('2026-01-06T12:00:00.000Z'))).toBeNull();
  });

  it('the expiry job never fires before the deadline: its time is rounded up to the second', () => {
    expect(expirySchedule(inv)).toEqual({
      name: 'expiry-inv_1',
      at: new Date('2026-01-08T12:00:01.000Z'),
      job: { kind: 'expiry', orgId: 'org_1', invitationId: 'inv_1' },
    });
  });

  it('names are derived from the invitation alone, so a retry asks for the same schedule', () => {
    const later = new Date(created.getTime() + 3_600_000);
    expect(reminderSchedule(inv, { reminderHoursBeforeExpiry: 48 }, later)?.name).toBe(reminderSchedule(inv, { reminderHoursBeforeExpiry: 48 }, created)?.name);
  });
});

describe('reading SES events', () => {
  const mail = {
    messageId: 'm-1',
    timestamp: '2026-01-05T09:59:58.000Z',
    tags: { 'ses:configuration-set': ['cs'], orgId: ['org_1'], invitationId: ['inv_1'], sendCount: ['2'] },
  };

  it('a bounce names its type, subtype and diagnostic, and carries our tags', () => {
    const e = parseSesEvent(
      JSON.stringify({
        eventType: 'Bounce',
        mail,
        bounce: {
          bounceType: 'Transient',
          bounceSubType: 'MailboxFull',
          timestamp: '2026-01-05T10:00:00.000Z',
          bouncedRecipients: [{ emailAddress: 'a@x.com', diagnosticCode: 'smtp; 552 mailbox full' }],
        },
      }),
    );
    expect(e).toEqual({
      kind: 'bounced',
      messageId: 'm-1',
      at: '2026-01-05T10:00:00.000Z',
      permanent: false,
      detail: 'Transient bounce (MailboxFull): smtp; 552 mailbox full',
      tags: { 'ses:configuration-set': 'cs', orgId: 'org_1', invitationId: 'inv_1', sendCount: '2' },
    });
  });

  it('a Permanent bounce is a hard bounce: it counts for the sender reputation guard', () => {
    const e = parseSesEvent(JSON.stringify({ eventType: 'Bounce', mail, bounce: { bounceType: 'Permanent', bounceSubType: 'General' } }));
    expect(e).toMatchObject({ kind: 'bounced', permanent: true });
  });

  it('identity notifications (notificationType) are read the same way', () => {
    const e = parseSesEvent(JSON.stringify({ notificationType: 'Complaint', mail, complaint: { timestamp: '2026-01-05T10:00:00.000Z' } }));
    expect(e).toMatchObject({ kind: 'complained', detail: 'complaint' });
  });

  it('a Send event is SES accepting the email: it names the send (tags) so its claim can be confirmed', () => {
    expect(
      parseSesEvent(JSON.stringify({ eventType: 'Send', mail: { ...mail, tags: { ...mail.tags, sendId: ['invitation_org-1_inv-1_2'] } }, send: {} })),
    ).toMatchObject({ kind: 'accepted', messageId: 'm-1', tags: { sendId: 'invitation_org-1_inv-1_2' } });
  });

  it('other event types and malformed messages are nothing to record', () => {
    expect(parseSesEvent(JSON.stringify({ eventType: 'Open', mail, open: {} }))).toBeNull();
    expect(parseSesEvent('{not json')).toBeNull();
  });
});
