import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../db/table.ts';
import type { AuditEvent, OrgSending, Tally } from '../../domain/model.ts';
import type { ReputationStore } from '../../ports.ts';
import type { Table } from './client.ts';
import { fromOrgItem } from './items.ts';
import { queryAll } from './query-all.ts';
import { isConditionFailure, Transaction } from './transactions.ts';
import { auditPut } from './tx-items.ts';

/** The sender reputation guard's items: daily tallies (AP18), the org's `sending` state, suppressions (AP19). */
export class DynamoReputationStore implements ReputationStore {
  constructor(private readonly t: Table) {}

  async read(orgId: string, range: { from: string; to: string }) {
    const r = keys.reputationRange(orgId, range.from, range.to);
    const [org, items] = await Promise.all([
      this.t.doc.send(new GetCommand({ TableName: this.t.name, Key: keys.org(orgId), ConsistentRead: true })),
      queryAll(this.t.doc, {
        TableName: this.t.name,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': r.PK, ':from': r.SKFrom, ':to': r.SKTo },
        ConsistentRead: true,
      }),
    ]);
    const days: Record<string, Tally> = {};
    for (const i of items) {
      days[String(i.day)] = { sent: Number(i.sent ?? 0), bounced: Number(i.bounced ?? 0), complained: Number(i.complained ?? 0) };
    }
    return { org: org.Item ? fromOrgItem(org.Item) : null, days };
  }

  async pause(orgId: string, sending: OrgSending, event: AuditEvent) {
    const written = await this.writeSending(orgId, sending, event, {
      ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(sending) OR sending.#st <> :paused)',
      ExpressionAttributeValues: { ':paused': 'paused' },
    });
    return written ? ('paused' as const) : ('already' as const);
  }

  async resume(orgId: string, pausedSince: string, sending: OrgSending, event: AuditEvent) {
    const written = await this.writeSending(orgId, sending, event, {
      // the pause the operator looked at: a newer pause is not resumed by an older command
      ConditionExpression: 'sending.#st = :paused AND sending.since = :since',
      ExpressionAttributeValues: { ':paused': 'paused', ':since': pausedSince },
    });
    return written ? ('resumed' as const) : ('not_paused' as const);
  }

  private async writeSending(
    orgId: string,
    sending: OrgSending,
    event: AuditEvent,
    condition: { ConditionExpression: string; ExpressionAttributeValues: Record<string, unknown> },
  ): Promise<boolean> {
    const cancelled = await new Transaction(this.t)
      .add('org', {
        Update: {
          TableName: this.t.name,
          Key: keys.org(orgId),
          UpdateExpression: 'SET sending = :sending',
          ...condition,
          ExpressionAttributeNames: { '#st': 'status' },
          ExpressionAttributeValues: { ...condition.ExpressionAttributeValues, ':sending': sending },
        },
      })
      .add('audit', auditPut(this.t, event))
      .commit();
    return cancelled === null;
  }

  // AP1 with a filter: a paused org's invitations are few next to its others, and this runs once per resume
  async requeueHeld(orgId: string, now: string) {
    const prefix = keys.invitationPrefix(orgId);
    const held = await queryAll(this.t.doc, {
      TableName: this.t.name,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      FilterExpression: '#status = :pending AND delivery.#st = :paused AND delivery.reason = :why',
      ExpressionAttributeNames: { '#status': 'status', '#st': 'status' },
      ExpressionAttributeValues: { ':pk': prefix.PK, ':sk': prefix.SKPrefix, ':pending': 'pending', ':paused': 'paused', ':why': 'sending_paused' },
    });
    let requeued = 0;
    for (const inv of held) {
      try {
        // back to queued: the dispatcher sees paused -> queued and sends (on-invitation-change.ts)
        await this.t.doc.send(
          new UpdateCommand({
            TableName: this.t.name,
            Key: { PK: inv.PK, SK: inv.SK },
            ConditionExpression: '#status = :pending AND sendCount = :n AND delivery.#st = :paused AND delivery.reason = :why',
            UpdateExpression: 'SET delivery = :queued',
            ExpressionAttributeNames: { '#status': 'status', '#st': 'status' },
            ExpressionAttributeValues: {
              ':pending': 'pending',
              ':n': inv.sendCount,
              ':paused': 'paused',
              ':why': 'sending_paused',
              ':queued': { status: 'queued', at: now, detail: 'sending resumed by the operator' },
            },
          }),
        );
        requeued += 1;
      } catch (e) {
        if (!isConditionFailure(e)) throw e;
      }
    }
    return requeued;
  }

  async suppression(orgId: string, email: string) {
    const r = await this.t.doc.send(new GetCommand({ TableName: this.t.name, Key: keys.suppression(orgId, email), ConsistentRead: true }));
    if (!r.Item) return null;
    return { reason: r.Item.reason as 'address_bounced' | 'address_complained', at: String(r.Item.at) };
  }
}
