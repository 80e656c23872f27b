import type { Schemas } from '@org-invitations/client';
import { c } from '../../strings-console.ts';

type AuditEvent = Schemas['AuditEvent'];

/** One CSV field (RFC 4180), with a leading =, +, - or @ defused so a spreadsheet does not run it as a formula. */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** `system`, or who acted as a person reads it (a backend's label, not its empty email). */
export const actorOf = (e: AuditEvent) => ('system' in e.actor ? 'system' : c.actorName(e.actor));
export const summarize = (o: Record<string, unknown>) =>
  Object.entries(o)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('; ');

export function auditCsv(events: AuditEvent[]): string {
  const rows = [['at', 'type', 'actor', 'target', 'details', 'eventId']];
  for (const e of events) rows.push([e.at, e.type, actorOf(e), summarize(e.target), summarize(e.details), e.eventId]);
  return `${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}
