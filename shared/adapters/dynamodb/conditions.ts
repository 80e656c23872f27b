/**
 * The conditions the rules are made of, each written once. A condition is the parts of an
 * expression; `guard` merges it into a Put, Update, Delete or ConditionCheck.
 */
export interface Condition {
  ConditionExpression: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

const status = { '#status': 'status' };

export const conditions = {
  /** Nothing holds this key yet (a new item, an email nobody claims). */
  unclaimed: { ConditionExpression: 'attribute_not_exists(PK)' } as Condition,
  exists: { ConditionExpression: 'attribute_exists(PK)' } as Condition,
  /**
   * On the org item: the org exists and is not deleted. Every write that adds to an org (an invite, an
   * accept, a member) carries it, so a write racing DELETE /orgs/{orgId} lands before it (and the
   * cleanup removes it) or is refused.
   */
  liveOrg: { ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(deletedAt)' } as Condition,
  /** A pending invitation whose deadline has not passed: every transition but expiry needs it. */
  pendingAndLive: (now: string): Condition => ({
    ConditionExpression: '#status = :pending AND expiresAt > :now',
    ExpressionAttributeNames: status,
    ExpressionAttributeValues: { ':pending': 'pending', ':now': now },
  }),
  /** A pending invitation whose deadline has passed: only expiry may close it. */
  pendingAndDue: (now: string): Condition => ({
    ConditionExpression: '#status = :pending AND expiresAt <= :now',
    ExpressionAttributeNames: status,
    ExpressionAttributeValues: { ':pending': 'pending', ':now': now },
  }),
  /**
   * The member is an active admin whose access has not ended at `now` (the use case's instant for the
   * write) when the write lands: authority does not outlive its holder, not even by the milliseconds
   * between the use case's read and its write. `accessUntil` is stored as `toISOString()`, so the
   * string comparison is the instants'.
   */
  activeAdmin: (now: string): Condition => ({
    ConditionExpression: '#role = :admin AND #status = :active AND (attribute_not_exists(accessUntil) OR accessUntil > :actorNow)',
    ExpressionAttributeNames: { '#role': 'role', ...status },
    ExpressionAttributeValues: { ':admin': 'admin', ':active': 'active', ':actorNow': now },
  }),
  /** A claim on an email that is this invitation's, or gone already. */
  ownClaim: (invitationId: string): Condition => ({
    ConditionExpression: 'attribute_not_exists(PK) OR invitationId = :id',
    ExpressionAttributeValues: { ':id': invitationId },
  }),
  /**
   * On a member: access still ends at `accessUntil` and its reminder is not made yet. An end extended,
   * cleared or reminded already since the reminder was scheduled leaves nothing to do.
   */
  endNotReminded: (accessUntil: string): Condition => ({
    ConditionExpression: 'accessUntil = :until AND (attribute_not_exists(accessRemindedFor) OR accessRemindedFor <> :until)',
    ExpressionAttributeValues: { ':until': accessUntil },
  }),
  /** Room for `n` more pending invitations under the plan (none needed without a limit). */
  pendingRoomFor: (n: number, limit: number | null): Condition =>
    limit === null
      ? { ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(deletedAt)' }
      : { ConditionExpression: 'pendingCount <= :max AND attribute_not_exists(deletedAt)', ExpressionAttributeValues: { ':max': limit - n } },
} as const;

/** The operation with the condition merged in (names and values joined with the operation's own). */
export function guard<T extends { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> }>(
  op: T,
  c: Condition,
): T & { ConditionExpression: string } {
  const names = { ...op.ExpressionAttributeNames, ...c.ExpressionAttributeNames };
  const values = { ...op.ExpressionAttributeValues, ...c.ExpressionAttributeValues };
  return {
    ...op,
    ConditionExpression: c.ConditionExpression,
    ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
    ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
  };
}
