import type { Deps } from '../../ports.ts';
import { auditEvent, auditTarget } from '../audit/audit-event.ts';
import { conflict, notFound } from '../errors.ts';
import type { Actor } from '../model.ts';
import { joinRequestView } from './join-request.ts';
import { loadRequestAsAdmin } from './load-request-as-admin.ts';

/** An admin turns a request down; the person may ask again through a live link. */
export async function denyJoinRequest(deps: Pick<Deps, 'clock' | 'ids' | 'joinLinks'>, cmd: { orgId: string; requestId: string; actor: Actor }) {
  const { org, request } = await loadRequestAsAdmin(deps, cmd.orgId, cmd.requestId, cmd.actor);
  if (request.status !== 'pending') throw conflict('join_request_not_pending');
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const event = auditEvent(deps, org.orgId, 'join_request.denied', cmd.actor, auditTarget.person(request), { linkId: request.linkId }, now);
  const outcome = await deps.joinLinks.deny({ request, adminUserId: cmd.actor.userId, now: nowIso, event });
  if (outcome === 'not_pending') throw conflict('join_request_not_pending');
  if (outcome === 'not_admin') throw notFound('org_not_found');
  return { joinRequest: joinRequestView({ ...request, status: 'denied', decidedAt: nowIso, decidedBy: cmd.actor.userId }) };
}
