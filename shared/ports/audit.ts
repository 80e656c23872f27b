import type { AuditEvent, Page } from '../domain/model.ts';
import type { ListOptions } from './paging.ts';

export interface AuditFilter {
  /** Exact types, or `prefix.*` for every type under a prefix. */
  types?: string[];
  /** A userId, or `system` for events written by workers. */
  actor?: string;
  /** Inclusive lower and exclusive upper bound on `at` (ISO-8601). */
  since?: string;
  until?: string;
}

export interface AuditStore {
  list(orgId: string, filter: AuditFilter, page: ListOptions): Promise<Page<AuditEvent>>;
}
