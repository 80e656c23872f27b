import { signal } from '@preact/signals';
import { api, call, type Schemas } from '../../api/client.ts';
import { backendOf } from '../../strings-console.ts';
import { pagedList } from '../table-scroll.tsx';

export type AuditEvent = Schemas['AuditEvent'];
export interface AuditFilters {
  type: string;
  actor: string;
  since: string;
  until: string;
}

export const filters = signal<AuditFilters>({ type: '', actor: '', since: '', until: '' });
export const admins = signal<Schemas['Member'][]>([]);
/**
 * The backends (service principals' actor ids) seen acting in this org's log: they are no member, so
 * the actor filter learns them from the events, and keeps them while a filter hides their events.
 */
export const services = signal<string[]>([]);

function noteServices(page: AuditEvent[]) {
  const seen = new Set(services.peek());
  for (const e of page) if ('userId' in e.actor && backendOf(e.actor.userId) !== null) seen.add(e.actor.userId);
  if (seen.size > services.peek().length) services.value = [...seen].sort();
}

/** The filter as the API's query: dates are whole UTC days, `until` inclusive. */
function query(f: AuditFilters, limit: number, cursor?: string) {
  const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString();
  return {
    limit,
    ...(f.type ? { type: f.type } : {}),
    ...(f.actor ? { actor: f.actor } : {}),
    ...(f.since ? { since: `${f.since}T00:00:00Z` } : {}),
    ...(f.until ? { until: nextDay(f.until) } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

const list = pagedList(
  (orgId, cursor?: string) => call(api.GET('/orgs/{orgId}/audit', { params: { path: { orgId }, query: query(filters.peek(), 50, cursor) } })),
  noteServices,
);
export const { rows: events, nextCursor, state, error, moreBusy, load: loadAudit } = list;

export async function loadAdmins(orgId: string) {
  admins.value = (await call(api.GET('/orgs/{orgId}/members', { params: { path: { orgId }, query: { role: 'admin', limit: 200 } } }))).items;
}

/** Every event of the current filter (newest first), page by page, up to `max`. */
export async function allEvents(orgId: string, max = 10_000): Promise<AuditEvent[]> {
  const out: AuditEvent[] = [];
  let cursor: string | undefined;
  do {
    const page = await call(api.GET('/orgs/{orgId}/audit', { params: { path: { orgId }, query: query(filters.peek(), 200, cursor) } }));
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && out.length < max);
  return out;
}
