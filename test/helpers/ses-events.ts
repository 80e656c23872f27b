export { snsOf } from '../../measure/ses-events.ts';

/** SES event-publishing records (configuration set -> SNS), as the delivery-events worker receives them. */

function mail(to: string, tags: Record<string, string>) {
  return {
    timestamp: '2026-01-05T09:59:58.000Z',
    source: 'invitations@example.com',
    sourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.com',
    sendingAccountId: '123456789012',
    messageId: '0100018f-aaaa-bbbb-cccc-000000000000-000000',
    destination: [to],
    headersTruncated: false,
    commonHeaders: { from: ['invitations@example.com'], to: [to], subject: 'Ada invited you' },
    tags: {
      'ses:configuration-set': ['org-invitations'],
      'ses:source-ip': ['192.0.2.1'],
      'ses:from-domain': ['example.com'],
      'ses:caller-identity': ['dispatcher'],
      ...Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, [v]])),
    },
  };
}

export const bounce = (to: string, tags: Record<string, string>, bounceType: 'Permanent' | 'Transient' = 'Permanent') => ({
  eventType: 'Bounce',
  bounce: {
    feedbackId: '0100018f-feedback',
    bounceType,
    bounceSubType: 'General',
    bouncedRecipients: [{ emailAddress: to, action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }],
    timestamp: '2026-01-05T10:00:00.000Z',
    reportingMTA: 'dsn; a1-2.smtp-out.amazonses.com',
  },
  mail: mail(to, tags),
});

export const complaint = (to: string, tags: Record<string, string>) => ({
  eventType: 'Complaint',
  complaint: {
    feedbackId: '0100018f-complaint',
    complaintSubType: null,
    complainedRecipients: [{ emailAddress: to }],
    timestamp: '2026-01-05T11:00:00.000Z',
    userAgent: 'Mail client',
    complaintFeedbackType: 'abuse',
    arrivalDate: '2026-01-05T10:59:00.000Z',
  },
  mail: mail(to, tags),
});

export const delivered = (to: string, tags: Record<string, string>) => ({
  eventType: 'Delivery',
  delivery: {
    timestamp: '2026-01-05T10:00:01.000Z',
    processingTimeMillis: 1200,
    recipients: [to],
    smtpResponse: '250 2.0.0 OK',
    reportingMTA: 'a1-2.smtp-out.amazonses.com',
  },
  mail: mail(to, tags),
});
