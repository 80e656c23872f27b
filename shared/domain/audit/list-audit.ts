import type { AuditFilter, Deps } from '../../ports.ts';
import { invalid } from '../errors.ts';
import type { Actor, AuditEvent } from '../model.ts';
import { loadOrgAs } from '../orgs/get-org.ts';
import { unknownTypeFilters } from './types.ts';

export interface ListAuditCommand {
  orgId: string;
  actor: Actor;
  filter: AuditFilter;
  limit: number;
  cursor?: string;
}

/**
 * An org's audit trail, newest first, for its admins. Read-only by design: no route changes or
 * deletes an event; they leave only through the retention TTL (AUDIT_RETENTION_DAYS).
 */
export async function listAudit(deps: Pick<Deps, 'audit' | 'clock' | 'orgs'>, cmd: ListAuditCommand) {
  const { org } = await loadOrgAs(deps, cmd.orgId, cmd.actor, 'audit.read');
  const { types, actor, since, until } = cmd.filter;
  const unknown = unknownTypeFilters(types ?? []);
  if (unknown.length > 0) {
    throw invalid(
      'Unknown audit event type.',
      unknown.map((t) => ({ path: 'query.type', message: `"${t}" is not an audit event type` })),
    );
  }
  // stored `at` values are ISO strings in UTC; bounds are compared in the same form
  const from = since !== undefined ? new Date(since).toISOString() : undefined;
  const to = until !== undefined ? new Date(until).toISOString() : undefined;
  if (from && to && from >= to) {
    throw invalid('`since` must be before `until`.', [{ path: 'query.since', message: 'must be before until' }]);
  }
  const page = await deps.audit.list(
    org.orgId,
    {
      ...(types?.length ? { types } : {}),
      ...(actor !== undefined ? { actor } : {}),
      ...(from !== undefined ? { since: from } : {}),
      ...(to !== undefined ? { until: to } : {}),
    },
    { limit: cmd.limit, ...(cmd.cursor !== undefined ? { cursor: cmd.cursor } : {}) },
  );
  return { items: page.items.map(auditView), nextCursor: page.nextCursor };
}

export function auditView(e: AuditEvent) {
  return { eventId: e.eventId, type: e.type, at: e.at, actor: e.actor, target: e.target, details: e.details };
}
