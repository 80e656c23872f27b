import type { Member } from '../model.ts';

/** A membership as every view of one shows it: the role, the status, the teams and since when. */
export const membership = (m: Member) => ({ role: m.role, status: m.status, teams: m.teams, joinedAt: m.joinedAt });

/** `primaryContactUserId`: the org's, when the caller has the org at hand: its primary contact is flagged `primaryContact: true`. */
export function memberView(m: Member, primaryContactUserId?: string) {
  return {
    orgId: m.orgId,
    userId: m.userId,
    email: m.email,
    name: m.name,
    ...membership(m),
    invitedBy: m.invitedBy,
    ...(m.products ? { products: m.products } : {}),
    ...(m.accessUntil ? { accessUntil: m.accessUntil } : {}),
    // only the primary contact carries the flag, so every other member keeps the shape it always had
    ...(primaryContactUserId && m.userId === primaryContactUserId ? { primaryContact: true } : {}),
  };
}
export type MemberView = ReturnType<typeof memberView>;
