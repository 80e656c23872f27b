import { accessEnded } from '../access.ts';
import type { Member, MemberListStatus } from '../model.ts';

/**
 * The members list's status filter at `now`: `ended` is an active member whose end of access has
 * passed (the removal may not have run yet), and `active` leaves them out, as the org does.
 */
export function matchesStatus(member: Pick<Member, 'status' | 'accessUntil'>, statuses: readonly MemberListStatus[], now: Date): boolean {
  const shown: MemberListStatus = member.status === 'active' && accessEnded(member, now) ? 'ended' : member.status;
  return statuses.includes(shown);
}

/**
 * The members list's search: every word of the query (case-insensitive) appears in the member's name
 * or email ("ada example" finds Ada Lovelace <ada@example.com>).
 */
export function matchesSearch(member: Pick<Member, 'name' | 'email'>, search: string): boolean {
  const haystack = `${member.name} ${member.email}`.toLowerCase();
  return search
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}
