import { signal } from '@preact/signals';

/** A message for the next page (e.g. "You joined Acme." after an accept lands on the org's page). */
export const flash = signal<string | null>(null);
