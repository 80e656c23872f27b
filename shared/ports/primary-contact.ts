import type { AuditEvent } from '../domain/model.ts';

export interface PrimaryContactWrite {
  orgId: string;
  /** The primary contact as read (null: none); the write is refused ('stale') if it moved since. */
  from: string | null;
  to: string;
  actorAdminId: string;
  event: AuditEvent;
}

export interface PrimaryContactStore {
  /** Moves the org's primary contact to an active member: 'not_active' when `to` is not one (as the write lands). */
  move(w: PrimaryContactWrite): Promise<'done' | 'not_active' | 'stale'>;
}
