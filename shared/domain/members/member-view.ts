import type { Member } from '../model.ts';

/** `primaryContactUserId`: the org's, when the caller has the org at hand: its primary contact is flagged `primaryContact: true`. */
export function memberView(m: Member, primaryContactUserId?: string) {
  return {
    orgId: m.orgId,
    userId: m.userId,
    email: m.email,
    name: m.name,
    role: m.role,
    status: m.status,
    teams: m.teams,
    joinedAt: m.joinedAt,
    invitedBy: m.invitedBy,
    ...(m.products ? { products: m.products } : {}),
    ...(m.accessUntil ? { accessUntil: m.accessUntil } : {}),
    // only the primary contact carries the flag, so every other member keeps the shape it always had
    ...(primaryContactUserId && m.userId === primaryContactUserId ? { primaryContact: true } : {}),
  };
}
export type MemberView = ReturnType<typeof memberView>;
