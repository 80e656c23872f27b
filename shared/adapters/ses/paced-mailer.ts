import type { EmailMessage, Mailer } from '../../ports.ts';

/**
 * Sends no faster than `ratePerSecond`, however many callers send at once: each send reserves the
 * next free slot before it waits, so concurrent sends are spaced `1000 / ratePerSecond` ms apart.
 * SES refuses sends above the account's maximum send rate (1 a second in the sandbox); without
 * pacing, a bulk invite's emails would be refused, retried by the stream and, after an hour, given
 * up into the dead-letter queue. The rate is this instance's share of the account's: the stack reserves
 * the dispatcher's concurrency and divides the rate among its instances (docs/deploy.md, SES pacing).
 */
export class PacedMailer implements Mailer {
  private readonly intervalMs: number;
  private next = 0;

  constructor(
    private readonly inner: Mailer,
    ratePerSecond: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    if (!(ratePerSecond > 0)) throw new Error(`send rate must be positive, got ${ratePerSecond}`);
    // whole milliseconds, rounded up, as timers fire: never faster than the rate
    this.intervalMs = Math.ceil(1000 / ratePerSecond);
  }

  async send(m: EmailMessage) {
    const now = this.now();
    const at = Math.max(now, this.next);
    this.next = at + this.intervalMs;
    // timers have millisecond resolution: rounding up never sends early
    if (at > now) await this.sleep(Math.ceil(at - now));
    return this.inner.send(m);
  }
}
