import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { itemTypes } from '../../shared/db/table.ts';
import { onInvitationChange } from '../../shared/domain/invitations/on-invitation-change.ts';
import { notifyAddedMember } from '../../shared/domain/members/notify-added.ts';
import type { Invitation, Member } from '../../shared/domain/model.ts';
import { runtime } from '../http/deps.ts';
import { workerDeps } from './worker-runtime.ts';

/**
 * The outbox consumer. API calls only write items; this turns item changes into side effects:
 * an invitation inserted or resent (sendCount went up) is emailed. Failed records are reported
 * one by one (ReportBatchItemFailures) so one bad email does not hold back the others.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const failures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    try {
      await dispatch(record);
    } catch (error) {
      runtime().logger.warn('stream record failed', { eventId: record.eventID, error });
      failures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? record.eventID ?? '' });
    }
  }
  return { batchItemFailures: failures };
}

const image = (img: unknown) => (img ? unmarshall(img as Record<string, AttributeValue>) : undefined);

async function dispatch(record: DynamoDBRecord): Promise<void> {
  const next = image(record.dynamodb?.NewImage);
  const prev = image(record.dynamodb?.OldImage);
  const entity = (next ?? prev)?.entity;
  // a member added directly (directAddExistingUsers) is told by email instead of being invited
  if (entity === itemTypes.member && next?.via === 'direct' && !prev) {
    await notifyAddedMember(workerDeps(), next as unknown as Member);
  }
  if (entity === itemTypes.invitation) {
    await onInvitationChange(workerDeps(), {
      ...(prev ? { prev: prev as unknown as Invitation } : {}),
      ...(next ? { next: next as unknown as Invitation } : {}),
      purgedByTtl: isTtlDeletion(record),
    });
  }
}

/** DynamoDB TTL deletions are REMOVE records made by the DynamoDB service principal. */
const isTtlDeletion = (record: DynamoDBRecord) =>
  record.eventName === 'REMOVE' &&
  record.userIdentity?.type === 'Service' &&
  record.userIdentity?.principalId === 'dynamodb.amazonaws.com';
