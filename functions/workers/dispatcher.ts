import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { itemTypes } from '../../shared/db/table.ts';
import { type OrgOf, onInvitationChange, readOrg } from '../../shared/domain/invitations/on-invitation-change.ts';
import type { JoinRequest } from '../../shared/domain/join-links/join-request.ts';
import { notifyAdminsOfJoinRequest } from '../../shared/domain/join-links/notify-join-request.ts';
import { authorityLostBetween, completeRevocations } from '../../shared/domain/members/complete-revocations.ts';
import { notifyAddedMember } from '../../shared/domain/members/notify-added.ts';
import { onAccessChange } from '../../shared/domain/members/on-access-change.ts';
import type { Invitation, Member, Org } from '../../shared/domain/model.ts';
import { cleanupDeletedOrg } from '../../shared/domain/orgs/cleanup-deleted-org.ts';
import { baseRuntime } from '../runtime.ts';
import { cleanupDeps, workerDeps } from './worker-runtime.ts';

/**
 * The outbox consumer. API calls only write items; this turns item changes into side effects:
 * an invitation inserted or resent (sendCount went up) is emailed, a join request is told to the org's admins. Failed records are reported
 * one by one (ReportBatchItemFailures) so one bad email does not hold back the others.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const failures: { itemIdentifier: string }[] = [];
  // Records of one item stay in order (an invitation's INSERT before its resend); different items
  // are independent, so a batch of a bulk invite is sent several at a time instead of one by one.
  const byItem = new Map<string, DynamoDBRecord[]>();
  for (const record of event.Records) {
    const k = record.dynamodb?.Keys;
    const key = `${k?.PK?.S}|${k?.SK?.S}`;
    byItem.set(key, [...(byItem.get(key) ?? []), record]);
  }
  const groups = [...byItem.values()];
  const orgOf = oncePerBatch(readOrg(workerDeps()));
  const worker = async () => {
    for (let group = groups.shift(); group; group = groups.shift()) {
      for (const [i, record] of group.entries()) {
        try {
          await dispatch(record, orgOf);
        } catch (error) {
          baseRuntime().logger.warn('stream record failed', { eventId: record.eventID, error });
          // the rest of this item's records wait for the retry, so they never overtake the failed one
          for (const r of group.slice(i)) failures.push({ itemIdentifier: r.dynamodb?.SequenceNumber ?? r.eventID ?? '' });
          break;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: DISPATCH_CONCURRENCY }, worker));
  return { batchItemFailures: failures };
}

/**
 * How long one record may spend on a deleted org's cleanup before it hands the rest to a new round:
 * a third of the function's 60 s timeout, so the other records of its batch still fit.
 */
const CLEANUP_SLICE_MS = 20_000;

/** Sends in flight at once per batch; SES's account rate (e.g. 14/s in a new account) is the real bound in AWS. */
const DISPATCH_CONCURRENCY = 8;

/**
 * The records of a bulk invite's batch all name one org: it is read once for the batch instead of
 * once per email. A failed read is forgotten, so the retried records read again.
 */
function oncePerBatch(load: OrgOf): OrgOf {
  const seen = new Map<string, Promise<Org | null>>();
  return (orgId) => {
    let org = seen.get(orgId);
    if (!org) {
      org = load(orgId);
      seen.set(orgId, org);
      org.catch(() => seen.delete(orgId));
    }
    return org;
  };
}

const image = (img: unknown) => (img ? unmarshall(img as Record<string, AttributeValue>) : undefined);

async function dispatch(record: DynamoDBRecord, orgOf: OrgOf): Promise<void> {
  const next = image(record.dynamodb?.NewImage);
  const prev = image(record.dynamodb?.OldImage);
  const entity = (next ?? prev)?.entity;
  // DELETE /orgs/{orgId} made the tombstone (or a round that ran out of time touched it): clean up.
  // A failure fails the record and the stream retries it; each run starts over from what is left.
  if (entity === itemTypes.deletedOrg && next?.GSI1PK !== undefined) {
    const deps = cleanupDeps();
    await cleanupDeletedOrg(deps, String(next.orgId), deps.clock.now().getTime() + CLEANUP_SLICE_MS);
    return;
  }
  if (entity === itemTypes.invitation) {
    await onInvitationChange(
      workerDeps(),
      {
        ...(prev ? { prev: prev as unknown as Invitation } : {}),
        ...(next ? { next: next as unknown as Invitation } : {}),
        purgedByTtl: isTtlDeletion(record),
      },
      orgOf,
    );
  }
  // a join request made (or made again after a denial: the item is replaced, requestedAt moves): the admins are told
  if (entity === itemTypes.joinRequest && next?.status === 'pending' && (prev?.status !== 'pending' || prev.requestedAt !== next.requestedAt)) {
    await notifyAdminsOfJoinRequest(workerDeps(), next as unknown as JoinRequest);
    return;
  }
  // an end of access set, changed, cleared or reminded (shared/domain/members/on-access-change.ts)
  if (entity === itemTypes.member && (prev?.accessUntil !== undefined || next?.accessUntil !== undefined)) {
    await onAccessChange(workerDeps(), prev as Member | undefined, next as Member | undefined, orgOf);
  }
  // a member added directly (directAddExistingUsers) is told by email instead of being invited
  if (entity === itemTypes.member && next?.via === 'direct' && !prev) {
    await notifyAddedMember(workerDeps(), next as unknown as Member);
  }
  // an admin demoted, suspended, removed, gone or erased: their pending invitations are revoked, finishing
  // what the request could not (complete-revocations.ts)
  const loss = entity === itemTypes.member ? authorityLostBetween(prev as Member | undefined, next as Member | undefined) : null;
  // not in a deleted org: its cleanup removes the members and their invitations together
  if (loss && prev && (await orgOf(String(prev.orgId))))
    await completeRevocations(workerDeps(), { orgId: String(prev.orgId), inviterId: String(prev.userId), reason: loss });
}

/** DynamoDB TTL deletions are REMOVE records made by the DynamoDB service principal. */
const isTtlDeletion = (record: DynamoDBRecord) =>
  record.eventName === 'REMOVE' && record.userIdentity?.type === 'Service' && record.userIdentity?.principalId === 'dynamodb.amazonaws.com';
