import type { Invitation, Member } from '../../shared/domain/model.ts';

/*
 * The domain objects unit tests hand to the code under test, built from what each test says it cares
 * about (`over`) on top of values no assertion reads. One builder per type, so a field the model gains
 * is added here once rather than in every test's own copy.
 */

/** A pending invitation to `org_1`, not yet sent; `createdAt` and `expiresAt` are the test's own clock. */
export const pendingInvitation = (over: Partial<Invitation> & Pick<Invitation, 'createdAt' | 'expiresAt'>): Invitation => ({
  invitationId: 'inv_1',
  orgId: 'org_1',
  email: 'a@x.com',
  role: 'member',
  teams: [],
  status: 'pending',
  invitedBy: { userId: 'u1', name: 'Ada' },
  lastSentAt: null,
  sendCount: 0,
  sendEmail: false,
  linkNonce: 'n',
  tokenHash: 'h',
  resendWindowStart: null,
  resendsInWindow: 0,
  ...over,
});

/** An active member of `org_1` in no team, who joined without an invitation. */
export const activeMember = (over: Partial<Member> = {}): Member => ({
  orgId: 'org_1',
  userId: 'u1',
  email: 'a@x.com',
  name: 'Ada',
  role: 'member',
  status: 'active',
  teams: [],
  joinedAt: '2026-01-01T00:00:00.000Z',
  invitedBy: null,
  ...over,
});
