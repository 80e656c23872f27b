import type { Clock, EmailMessage, Mailer, SendLedger } from '../../ports.ts';

export interface SendOnceDeps {
  clock: Clock;
  mailer: Mailer;
  sends: SendLedger;
  /**
   * How long a claim that was neither marked nor released keeps others from sending (the holder may
   * still be sending), and how often a waiting sender looks again. Longer than an SES call and than
   * SES's Send event takes to arrive; shorter than the dispatcher's timeout.
   */
  sendLease: { ms: number; pollMs: number };
}

/** What a send is: the same send always gets the same id (SES tag values: letters, digits, `_`, `-`). */
export const sendIdOf = (kind: string, ...parts: (string | number)[]) => [kind, ...parts].map((p) => String(p).replace(/[^A-Za-z0-9-]/g, '-')).join('_');

/**
 * Sends `message` once for `sendId`, however often it is called (a retried stream batch, a record
 * handled again after a crash): the send is claimed before the mailer is called and marked after.
 * A second caller finds it sent and does nothing, or finds it claimed and waits until it is marked
 * (by the holder, or by SES's Send event, which names the send in its tags) or its lease runs out.
 *
 * The residual window: a holder that died after SES accepted the email and before the mark, with
 * the Send event not arriving within the lease either; the next caller then sends again. A mailer
 * refusal (`notSent`) releases the claim, so a retry sends without waiting.
 */
export async function sendOnce(
  deps: SendOnceDeps,
  sendId: string,
  message: EmailMessage,
): Promise<{ outcome: 'sent'; messageId: string } | { outcome: 'already_sent' }> {
  const { ms: leaseMs, pollMs } = deps.sendLease;
  // real time, whatever the clock port says: a stuck claim must not make this wait forever
  const giveUpAt = Date.now() + 2 * leaseMs + pollMs;
  for (;;) {
    const now = deps.clock.now();
    const claim = await deps.sends.claim(sendId, now, leaseMs);
    if (claim.outcome === 'sent') return { outcome: 'already_sent' };
    if (claim.outcome === 'claimed') break;
    if (Date.now() > giveUpAt) throw new Error(`send ${sendId} is still claimed by another attempt`);
    const staleIn = Date.parse(claim.claimedAt ?? now.toISOString()) + leaseMs - now.getTime();
    await new Promise((r) => setTimeout(r, Math.max(1, Math.min(pollMs, staleIn + 1))));
  }
  let messageId: string;
  try {
    ({ messageId } = await deps.mailer.send({ ...message, tags: { ...message.tags, sendId } }));
  } catch (error) {
    if ((error as { notSent?: boolean }).notSent) await deps.sends.release(sendId).catch(() => undefined);
    throw error;
  }
  await deps.sends.markSent(sendId, deps.clock.now(), messageId);
  return { outcome: 'sent', messageId };
}
