import type { AuditEvent, Member } from '../../domain/model.ts';
import type { AccessReminderStore } from '../../ports.ts';
import type { Table } from './client.ts';
import { Transaction } from './transactions.ts';
import { auditPut, memberUpdate } from './tx-items.ts';

export class DynamoAccessReminderStore implements AccessReminderStore {
  constructor(private readonly t: Table) {}

  async markReminded(m: Member, accessUntil: string, event: AuditEvent): Promise<boolean> {
    const cancelled = await new Transaction(this.t)
      .add(
        'member',
        memberUpdate(this.t.name, m.orgId, m.userId, {
          // an end extended, cleared or reminded already since the schedule was made: nothing to do
          ConditionExpression: 'accessUntil = :until AND (attribute_not_exists(accessRemindedFor) OR accessRemindedFor <> :until)',
          UpdateExpression: 'SET accessRemindedFor = :until',
          ExpressionAttributeValues: { ':until': accessUntil },
        }),
      )
      .add('audit', auditPut(this.t, event))
      .commit();
    return !cancelled;
  }
}
