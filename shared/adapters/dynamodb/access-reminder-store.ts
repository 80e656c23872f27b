import { keys } from '../../db/table.ts';
import type { AuditEvent, Member } from '../../domain/model.ts';
import type { AccessReminderStore } from '../../ports.ts';
import type { Table } from './client.ts';
import { auditItem } from './items.ts';
import { Transaction } from './transactions.ts';
import { pick } from './tx-items.ts';

export class DynamoAccessReminderStore implements AccessReminderStore {
  constructor(private readonly t: Table) {}

  async markReminded(m: Member, accessUntil: string, event: AuditEvent): Promise<boolean> {
    const cancelled = await new Transaction(this.t)
      .add('member', {
        Update: {
          TableName: this.t.name,
          Key: pick(keys.member(m.orgId, m.userId)),
          // an end extended, cleared or reminded already since the schedule was made: nothing to do
          ConditionExpression: 'accessUntil = :until AND (attribute_not_exists(accessRemindedFor) OR accessRemindedFor <> :until)',
          UpdateExpression: 'SET accessRemindedFor = :until',
          ExpressionAttributeValues: { ':until': accessUntil },
        },
      })
      .add('audit', { Put: { TableName: this.t.name, Item: auditItem(event, this.t.retention.auditDays) } })
      .commit();
    return !cancelled;
  }
}
