import type { Member } from '../model.ts';

export function memberView(m: Member) {
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
  };
}
export type MemberView = ReturnType<typeof memberView>;
