import type { Clock } from '../../ports.ts';

export const systemClock: Clock = { now: () => new Date() };

/** The local stack's clock: real time plus an offset that `POST /_local/clock` moves. */
export class ShiftableClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  setOffsetSeconds(seconds: number): void {
    this.offsetMs = seconds * 1000;
  }
  get offsetSeconds(): number {
    return this.offsetMs / 1000;
  }
}
