import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PacedMailer } from '../../shared/adapters/ses/paced-mailer.ts';
import type { EmailMessage, Mailer } from '../../shared/ports.ts';

/** Virtual time (vitest's fake timers): a thousand paced sends take no real time. */
const clock = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) };
const virtualClock = () => clock;
beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Runs `work` while moving virtual time forward until it settles. */
async function inVirtualTime<T>(work: Promise<T>): Promise<T> {
  let done = false;
  const tracked = work.finally(() => {
    done = true;
  });
  while (!done) await vi.advanceTimersToNextTimerAsync();
  return tracked;
}

/** SES as its MaxSendRate behaves: a send sooner than 1 / rate after the previous one is refused. */
function sesWithSendRate(rate: number, now: () => number): Mailer & { sentAt: number[] } {
  const sentAt: number[] = [];
  return {
    sentAt,
    async send(m: EmailMessage) {
      const last = sentAt[sentAt.length - 1];
      if (last !== undefined && now() - last < 1000 / rate) {
        throw Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'TooManyRequestsException' });
      }
      sentAt.push(now());
      return { messageId: `m-${m.to}` };
    },
  };
}

const message = (i: number): EmailMessage => ({ to: `p${i}@acme.io`, subject: 's', text: 't', html: 'h' });

/** Like the dispatcher: several workers send at once. */
async function sendAll(mailer: Mailer, count: number, workers = 8) {
  const queue = Array.from({ length: count }, (_, i) => i);
  const refused: number[] = [];
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        await mailer.send(message(i)).catch(() => refused.push(i));
      }
    }),
  );
  return refused;
}

describe("the dispatcher sends within the account's SES send rate", () => {
  it("a 1000-address invite at the SES sandbox's 1 email a second is sent in full, one a second, in 1000 seconds", async () => {
    const clock = virtualClock();
    const ses = sesWithSendRate(1, clock.now);
    const start = clock.now();

    const refused = await inVirtualTime(sendAll(new PacedMailer(ses, 1, clock.now, clock.sleep), 1000));

    expect(refused).toEqual([]);
    expect(ses.sentAt).toHaveLength(1000);
    expect(ses.sentAt.slice(1).every((t, i) => t - (ses.sentAt[i] as number) >= 1000)).toBe(true);
    expect(clock.now() - start).toBe(999_000);
  });

  it('without pacing, the same workers are refused by SES (the fault the pacing prevents)', async () => {
    const clock = virtualClock();
    const refused = await sendAll(sesWithSendRate(1, clock.now), 100);
    expect(refused.length).toBeGreaterThan(90);
  });

  it('at 14 a second, concurrent sends are spaced 1/14 s apart (72 ms, rounded up); after a quiet spell the next one goes at once', async () => {
    const clock = virtualClock();
    const ses = sesWithSendRate(14, clock.now);
    const mailer = new PacedMailer(ses, 14, clock.now, clock.sleep);
    expect(await inVirtualTime(sendAll(mailer, 28))).toEqual([]);
    expect(ses.sentAt[27]! - ses.sentAt[0]!).toBe(27 * Math.ceil(1000 / 14));

    vi.advanceTimersByTime(60_000);
    const before = clock.now();
    await inVirtualTime(mailer.send(message(99)));
    expect(clock.now()).toBe(before);
  });

  it('refuses a rate that is not positive', () => {
    const ses = sesWithSendRate(1, Date.now);
    expect(() => new PacedMailer(ses, 0)).toThrow(/positive/);
  });
});
