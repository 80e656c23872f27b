/**
 * The single table: its definition (used by CDK and by the local/test stacks) and its keys.
 * This is the only module that spells a key; adapters call `keys.*` and name the access pattern.
 *
 * Access patterns (every one a GetItem, a Query on PK or GSI1, or a transaction; never a Scan):
 *   AP1  org, its members, invitations, claims, teams ........ Query PK=ORG#id, SK prefix
 *   AP2  accept/preview/decline by link ....................... BatchGetItem of the invitation the link names (its
 *        stored sha256(token) must match), its org and the caller
 *   AP3  orgs of a user ....................................... Query GSI1 USER#id
 *   AP4  invitations to an email, across orgs or in one org .. Query GSI1 EMAIL#email (SK prefix ORG#id)
 *   AP5  one claim per (org, email) ........................... item CLAIM#email, held by a pending invitation or
 *        by a membership (never both), written in the same transaction as either; an invite's only check
 *   AP6  pending invitations of an org by deadline ............ Query GSI1 PENDING#orgId (GSI1SK = expiresAt);
 *        sparse: only a claim held by a pending invitation carries these keys (counts, expiry sweep)
 *   AP7  audit trail of an org, newest first ................. Query PK=AUDIT#orgId, ScanIndexForward=false
 *   AP8  idempotent replays .................................. GetItem IDEM#caller#key
 *   AP9  local schedules due (local stack only) ............... Query PK=LOCALSCHEDULE
 *   AP10 orgs a domain may auto-join .......................... Query PK=AUTOJOIN#domain (one item per allowed
 *        domain while autoJoin is enabled, kept in the PATCH /orgs transaction)
 *   AP11 a known user by verified email (direct add) ......... GetItem USEREMAIL#email (written on accept and org creation)
 *   AP12 members of a team .................................... Query PK=ORG#id, SK prefix TEAMMEMBER#teamId#
 *   AP15 one email send (claimed before SES, marked after) ..... GetItem/UpdateItem SEND#sendId (its own partition:
 *        a bulk invite's sends spread over the keyspace instead of heating the org's)
 *   AP16 invitations whose schedules could not be created ..... Query PK=SCHEDULERETRY (written only on failure,
 *        deleted when the schedules exist: a short list a periodic job walks)
 *   AP17 an org's open pending-place reservations (bulk invites) Query PK=ORG#id, SK prefix RESERVATION#
 *   AP18 an org's sends, bounces and complaints by day ........ Query PK=ORG#id, SK between REPUTATION#from and
 *        REPUTATION#to (the reputation guard's window; counters written with ADD, expired by TTL)
 *   AP19 an address that hard-bounced or complained in an org .. GetItem PK=ORG#id, SK=SUPPRESSED#email
 *   AP20 deleted orgs whose cleanup is not finished ............ Query GSI1 ORGDELETION (sparse: the org item,
 *        turned into a tombstone by DELETE /orgs/{orgId}, carries these keys until the cleanup removes them)
 *   AP21 an org's join links .................................. Query PK=ORG#id, SK prefix JOINLINK#; a link token
 *        names its org and link, so accept/preview is one BatchGetItem of the org, the link and the caller
 *        (the link's stored sha256(token) must match)
 *   AP22 an org's join requests ............................... Query PK=ORG#id, SK prefix JOINREQ# (one item per
 *        person: a new request replaces a decided one, never a pending one)
 *   AP23 members' ends of access whose schedules could not be .. Query PK=ACCESSRETRY (one item per membership and
 *        created                                                 end, written only on failure, deleted once the
 *                                                                schedules exist or are moot: a short list a periodic job walks)
 */
export const tableDefinition = {
  partitionKey: 'PK',
  sortKey: 'SK',
  gsi1: { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  /** Epoch seconds. DynamoDB TTL only purges, days late at times; nothing reads it for correctness. */
  ttlAttribute: 'ttl',
  streamViewType: 'NEW_AND_OLD_IMAGES',
} as const;

/** The keys and GSI1 in DynamoDB's API shape: DynamoDB Local is created with it, and the CDK template must say the same. */
export const keySchema = () => {
  const pair = (hash: string, range: string) => [
    { AttributeName: hash, KeyType: 'HASH' as const },
    { AttributeName: range, KeyType: 'RANGE' as const },
  ];
  const { partitionKey, sortKey, gsi1 } = tableDefinition;
  return {
    KeySchema: pair(partitionKey, sortKey),
    GlobalSecondaryIndexes: [{ IndexName: gsi1.name, KeySchema: pair(gsi1.partitionKey, gsi1.sortKey), Projection: { ProjectionType: 'ALL' as const } }],
  };
};

export const keys = {
  org: (orgId: string) => ({ PK: `ORG#${orgId}`, SK: 'ORG' }),
  /** AP20: the index keys a deleted org's tombstone carries while its cleanup is unfinished. */
  orgDeletion: (deletedAt: string, orgId: string) => ({ GSI1PK: 'ORGDELETION', GSI1SK: `${deletedAt}#${orgId}` }),
  orgDeletions: () => ({ GSI1PK: 'ORGDELETION' }),
  /** The org whose partition an item is in (every item of an org, whatever its kind). */
  orgIdOf: (item: { PK?: unknown }) => String(item.PK).replace(/^ORG#/, ''),
  member: (orgId: string, userId: string) => ({
    PK: `ORG#${orgId}`,
    SK: `MEMBER#${userId}`,
    GSI1PK: `USER#${userId}`,
    GSI1SK: `ORG#${orgId}`,
  }),
  memberPrefix: (orgId: string) => ({ PK: `ORG#${orgId}`, SKPrefix: 'MEMBER#' }),
  /** Who holds an email address in an org: its pending invitation or its member (AP5). */
  emailClaim: (orgId: string, email: string) => ({ PK: `ORG#${orgId}`, SK: `CLAIM#${email}` }),
  emailClaimPrefix: (orgId: string) => ({ PK: `ORG#${orgId}`, SKPrefix: 'CLAIM#' }),
  /** The index keys of a claim held by a pending invitation (AP6); a member's claim has none. */
  pendingClaim: (orgId: string, expiresAt: string) => ({ GSI1PK: `PENDING#${orgId}`, GSI1SK: expiresAt }),
  pendingClaims: (orgId: string) => ({ GSI1PK: `PENDING#${orgId}` }),
  invitation: (orgId: string, invitationId: string, email: string) => ({
    PK: `ORG#${orgId}`,
    SK: `INV#${invitationId}`,
    GSI1PK: `EMAIL#${email}`,
    GSI1SK: `ORG#${orgId}#INV#${invitationId}`,
  }),
  invitationKey: (orgId: string, invitationId: string) => ({ PK: `ORG#${orgId}`, SK: `INV#${invitationId}` }),
  invitationPrefix: (orgId: string) => ({ PK: `ORG#${orgId}`, SKPrefix: 'INV#' }),
  invitationsToEmail: (email: string, orgId?: string) => ({
    GSI1PK: `EMAIL#${email}`,
    GSI1SKPrefix: orgId ? `ORG#${orgId}#INV#` : 'ORG#',
  }),
  team: (orgId: string, teamId: string) => ({ PK: `ORG#${orgId}`, SK: `TEAM#${teamId}` }),
  teamPrefix: (orgId: string) => ({ PK: `ORG#${orgId}`, SKPrefix: 'TEAM#' }),
  teamMember: (orgId: string, teamId: string, userId: string) => ({
    PK: `ORG#${orgId}`,
    SK: `TEAMMEMBER#${teamId}#${userId}`,
  }),
  teamMemberPrefix: (orgId: string, teamId: string) => ({ PK: `ORG#${orgId}`, SKPrefix: `TEAMMEMBER#${teamId}#` }),
  userEmail: (email: string) => ({ PK: `USEREMAIL#${email}`, SK: 'USEREMAIL' }),
  userOrgs: (userId: string) => ({ GSI1PK: `USER#${userId}`, GSI1SKPrefix: 'ORG#' }),
  profile: (userId: string) => ({ PK: `USER#${userId}`, SK: 'PROFILE' }),
  /** What an erasure of the user set out to do (DELETE /me), kept until it is complete so a retry can finish it. */
  erasure: (userId: string) => ({ PK: `USER#${userId}`, SK: 'ERASURE' }),
  audit: (orgId: string, at: string, eventId: string) => ({ PK: `AUDIT#${orgId}`, SK: `${at}#${eventId}` }),
  auditPartition: (orgId: string) => ({ PK: `AUDIT#${orgId}` }),
  idempotency: (callerId: string, key: string) => ({ PK: `IDEM#${callerId}#${key}`, SK: 'IDEM' }),
  autoJoin: (domain: string, orgId: string) => ({ PK: `AUTOJOIN#${domain}`, SK: `ORG#${orgId}` }),
  autoJoinPartition: (domain: string) => ({ PK: `AUTOJOIN#${domain}` }),
  /**
   * Places a bulk invite took on the org's pending counter before writing its chunks (AP17), and one
   * item per committed chunk with the places it used. Given back when the invite ends, or by
   * whoever finds it past its deadline (a crashed invite), so the counter never keeps them.
   */
  reservation: (orgId: string, reservationId: string) => ({ PK: `ORG#${orgId}`, SK: `RESERVATION#${reservationId}` }),
  reservationChunk: (orgId: string, reservationId: string, chunk: number) => ({ PK: `ORG#${orgId}`, SK: `RESERVATION#${reservationId}#CHUNK#${chunk}` }),
  reservationPrefix: (orgId: string, reservationId = '') => ({ PK: `ORG#${orgId}`, SKPrefix: `RESERVATION#${reservationId}` }),
  /** Requests for a new invitation an org received in one hour (POST /invitations/request-new rate limit). */
  renewalWindow: (orgId: string, hour: string) => ({ PK: `ORG#${orgId}`, SK: `RENEWALS#${hour}` }),
  /** AP18: one day's sends, permanent bounces and complaints of an org (sender reputation guard). */
  reputationDay: (orgId: string, day: string) => ({ PK: `ORG#${orgId}`, SK: `REPUTATION#${day}` }),
  reputationRange: (orgId: string, from: string, to: string) => ({ PK: `ORG#${orgId}`, SKFrom: `REPUTATION#${from}`, SKTo: `REPUTATION#${to}` }),
  /** AP19: the org does not email this address until an admin confirms a resend to it. */
  suppression: (orgId: string, email: string) => ({ PK: `ORG#${orgId}`, SK: `SUPPRESSED#${email}` }),
  /** AP13: a daily send quota's counter (shared/domain/limits/quotas.ts): an org's or a user's, one item per day. */
  quota: (owner: string, name: string, window: string) => ({ PK: `QUOTA#${owner}`, SK: `${name}#${window}` }),
  quotaPartition: (owner: string) => ({ PK: `QUOTA#${owner}` }),
  /** An email send's claim: which send (kind, org, subject, sequence) is spelled by the caller, once (sendIds.ts). */
  emailSend: (sendId: string) => ({ PK: `SEND#${sendId}`, SK: 'SEND' }),
  scheduleRetry: (orgId: string, invitationId: string) => ({ PK: 'SCHEDULERETRY', SK: `${orgId}#${invitationId}` }),
  scheduleRetryPartition: () => ({ PK: 'SCHEDULERETRY' }),
  /** AP23: a member's end of access whose reminder or removal schedule the Scheduler refused. */
  accessScheduleRetry: (orgId: string, userId: string, accessUntil: string) => ({ PK: 'ACCESSRETRY', SK: `${orgId}#${userId}#${accessUntil}` }),
  accessScheduleRetryPartition: () => ({ PK: 'ACCESSRETRY' }),
  /** AP21: a join link (POST /orgs/{orgId}/join-links); its secret is never stored, only the token's hash. */
  joinLink: (orgId: string, linkId: string) => ({ PK: `ORG#${orgId}`, SK: `JOINLINK#${linkId}` }),
  joinLinkPrefix: (orgId: string) => ({ PK: `ORG#${orgId}`, SKPrefix: 'JOINLINK#' }),
  /** AP22: a person's request to join through a link that requires approval. */
  joinRequest: (orgId: string, userId: string) => ({ PK: `ORG#${orgId}`, SK: `JOINREQ#${userId}` }),
  joinRequestPrefix: (orgId: string) => ({ PK: `ORG#${orgId}`, SKPrefix: 'JOINREQ#' }),
  /** One org's schedule retry markers (SK prefix), removed with a deleted org. */
  scheduleRetriesOf: (orgId: string) => ({ PK: 'SCHEDULERETRY', SKPrefix: `${orgId}#` }),
  localSchedule: (name: string, at: string) => ({ PK: 'LOCALSCHEDULE', SK: `${at}#${name}`, name }),
  localSchedulePartition: () => ({ PK: 'LOCALSCHEDULE' }),
  /** AP9 by name (GSI1), so a local schedule is cancelled by name like an EventBridge one. */
  localScheduleByName: (name: string) => ({ GSI1PK: `LOCALSCHEDULE#${name}`, GSI1SK: 'NAME' }),
} as const;

/** Item type tags, stored as `entity`, so the stream dispatcher can tell items apart. */
export const itemTypes = {
  org: 'org',
  /** What DELETE /orgs/{orgId} leaves of the org item: not an org to any reader (they find entity = org). */
  deletedOrg: 'deleted_org',
  member: 'member',
  emailClaim: 'email_claim',
  invitation: 'invitation',
  team: 'team',
  teamMember: 'team_member',
  profile: 'profile',
  erasure: 'erasure',
  userEmail: 'user_email',
  audit: 'audit',
  idempotency: 'idempotency',
  autoJoin: 'auto_join',
  renewalWindow: 'renewal_window',
  quota: 'quota',
  reservation: 'reservation',
  reservationChunk: 'reservation_chunk',
  localSchedule: 'local_schedule',
  emailSend: 'email_send',
  scheduleRetry: 'schedule_retry',
  accessScheduleRetry: 'access_schedule_retry',
  reputationDay: 'reputation_day',
  suppression: 'suppression',
  joinLink: 'join_link',
  joinRequest: 'join_request',
} as const;

export const toEpochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
