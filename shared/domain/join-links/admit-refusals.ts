import { conflict, forbidden } from '../errors.ts';
import type { Member } from '../model.ts';

/** Someone already in the org, suspended or not, joins again neither through a link nor by a request. */
export function requireNotMember(member: Pick<Member, 'status'> | null | undefined): void {
  if (member?.status === 'suspended') throw conflict('member_suspended');
  if (member) throw conflict('already_member');
}

/** The refusals of the admitting write that a link's accept and a request's approval answer alike. */
export type AdmitRefusal = 'already_member' | 'already_invited' | 'member_limit_reached' | 'domain_not_allowed';

export const admitRefused = (outcome: AdmitRefusal) => (outcome === 'domain_not_allowed' ? forbidden(outcome) : conflict(outcome));
