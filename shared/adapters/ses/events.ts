import type { MailEvent } from '../../domain/invitations/delivery-events.ts';

/**
 * SES event publishing JSON (configuration set -> SNS): `eventType` Bounce | Complaint | Delivery,
 * `mail.messageId`, `mail.tags` (name -> [values], our EmailTags among SES's own), and the event's
 * own object. Identity notifications use `notificationType` for the same shapes; both are read.
 * Send (SES accepted the email) confirms a send claim. Anything else (Open, Reject, a malformed
 * message) is null: nothing to record.
 */
export function parseSesEvent(message: string): MailEvent | null {
  let e: SesEvent;
  try {
    e = JSON.parse(message) as SesEvent;
  } catch {
    return null;
  }
  const type = e.eventType ?? e.notificationType;
  const tags = Object.fromEntries(Object.entries(e.mail?.tags ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v[0] : undefined]));
  const base = { messageId: e.mail?.messageId ?? '', tags };
  if (type === 'Bounce' && e.bounce) {
    const diagnostic = e.bounce.bouncedRecipients?.[0]?.diagnosticCode;
    return {
      ...base,
      kind: 'bounced',
      at: e.bounce.timestamp ?? e.mail?.timestamp ?? '',
      permanent: e.bounce.bounceType === 'Permanent',
      detail: [`${e.bounce.bounceType ?? 'Unknown'} bounce (${e.bounce.bounceSubType ?? 'General'})`, diagnostic].filter(Boolean).join(': '),
    };
  }
  if (type === 'Complaint' && e.complaint) {
    return {
      ...base,
      kind: 'complained',
      at: e.complaint.timestamp ?? e.mail?.timestamp ?? '',
      detail: `complaint${e.complaint.complaintFeedbackType ? ` (${e.complaint.complaintFeedbackType})` : ''}`,
    };
  }
  if (type === 'Send') {
    return { ...base, kind: 'accepted', at: e.mail?.timestamp ?? '', detail: 'accepted by SES' };
  }
  if (type === 'Delivery' && e.delivery) {
    return {
      ...base,
      kind: 'delivered',
      at: e.delivery.timestamp ?? e.mail?.timestamp ?? '',
      detail: `delivered${e.delivery.smtpResponse ? `: ${e.delivery.smtpResponse}` : ''}`,
    };
  }
  return null;
}

interface SesEvent {
  eventType?: string;
  notificationType?: string;
  mail?: { messageId?: string; timestamp?: string; tags?: Record<string, string[]> };
  bounce?: {
    bounceType?: string;
    bounceSubType?: string;
    timestamp?: string;
    bouncedRecipients?: { emailAddress?: string; diagnosticCode?: string }[];
  };
  complaint?: { timestamp?: string; complaintFeedbackType?: string };
  delivery?: { timestamp?: string; smtpResponse?: string };
}
