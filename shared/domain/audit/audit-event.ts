import type { Clock, Ids } from '../../ports.ts';
import type { Actor, AuditEvent } from '../model.ts';
import type { AuditEventType } from './types.ts';

export type AuditActor = Pick<Actor, 'userId' | 'email'> | 'system';

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
