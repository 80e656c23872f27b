import type { Member } from '../model.ts';

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
