import type { SendLedger } from '../../ports.ts';
import type { InvitationJobDeps } from './expire-invitations.ts';

/** What SES reported about one email we sent, already parsed from its event JSON. */
export interface MailEvent {
  /** accepted: SES's Send event, published once SES has taken the email (even if our call never heard back). */
  kind: 'accepted' | 'bounced' | 'complained' | 'delivered';
  messageId: string;
  /** Our EmailTags: orgId, invitationId and sendCount name the invitation and the send; sendId names the send claim (every email). */
  tags: Record<string, string | undefined>;
  detail: string;
  at: string;
}

/**
 * Marks the invitation a bounce or complaint is about. Only the send the event is about is
 * touched (its sendCount): a bounce of an old link must not mark a newer resend. A delivery event
 * only adds detail to a send already recorded as sent; it never hides a bounce.
 */
export async function recordMailEvent(deps: InvitationJobDeps & { sends: SendLedger }, e: MailEvent): Promise<'recorded' | 'stale' | 'ignored'> {
  const { orgId, invitationId, sendCount, sendId } = e.tags;
  if (e.kind === 'accepted') {
    // The sender marks its claim itself; this mark matters when it died between SES and its mark:
    // the send's next attempt then finds it sent instead of sending it again.
    if (!sendId) return 'ignored';
    await deps.sends.markSent(sendId, deps.clock.now(), e.messageId);
    return 'recorded';
  }
  if (!orgId || !invitationId || !sendCount || !/^\d+$/.test(sendCount)) return 'ignored';
  const at = Number.isNaN(Date.parse(e.at)) ? deps.clock.now().toISOString() : new Date(e.at).toISOString();
  if (e.kind === 'delivered') {
    return deps.invitations.recordDelivery(
      { orgId, invitationId, sendCount: Number(sendCount) },
      { status: 'sent', at, detail: e.detail.slice(0, 300), messageId: e.messageId },
      { onlyFrom: ['sent'] },
    );
  }
  return deps.invitations.recordDelivery(
    { orgId, invitationId, sendCount: Number(sendCount) },
    { status: e.kind, at, detail: e.detail.slice(0, 300), messageId: e.messageId },
  );
}
