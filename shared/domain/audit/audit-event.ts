import type { Clock, Ids } from '../../ports.ts';
import type { Actor, AuditEvent } from '../model.ts';
import type { AuditEventType } from './types.ts';

export type AuditActor = Pick<Actor, 'userId' | 'email'> | 'system';

/**
 * What an event names as its target, one shape per kind of thing, so that the trail (and the
 * console that labels it) finds an invitation or a person under the same keys in every event.
 */
export const auditTarget = {
  invitation: (inv: { invitationId: string; email: string }) => ({ invitationId: inv.invitationId, email: inv.email }),
  person: (p: { userId: string; email: string }) => ({ userId: p.userId, email: p.email }),
  teamMember: (team: { teamId: string }, p: { userId: string; email: string }) => ({ teamId: team.teamId, ...auditTarget.person(p) }),
};

/** Builds an audit event; the caller writes it in the same transaction as the change it records. */
export function auditEvent(
  deps: { clock: Clock; ids: Ids },
  orgId: string,
  type: AuditEventType,
  actor: AuditActor,
  target: Record<string, unknown>,
  details: Record<string, unknown> = {},
  at: Date = deps.clock.now(),
): AuditEvent {
  return {
    eventId: deps.ids.eventId(),
    orgId,
    type,
    at: at.toISOString(),
    actor: actor === 'system' ? { system: true } : { userId: actor.userId, email: actor.email },
    target,
    details,
  };
}
