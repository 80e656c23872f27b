import type { AuditEvent, Member } from '../../domain/model.ts';
import type { AccessReminderStore } from '../../ports.ts';
import type { Table } from './client.ts';
import { conditions, guard } from './conditions.ts';
import { Transaction } from './transactions.ts';
import { auditPut, memberUpdate } from './tx-items.ts';

export class DynamoAccessReminderStore implements AccessReminderStore {
  constructor(private readonly t: Table) {}

  async markReminded(m: Member, accessUntil: string, event: AuditEvent): Promise<boolean> {
    const remind = guard(
      { UpdateExpression: 'SET accessRemindedFor = :until', ExpressionAttributeValues: { ':until': accessUntil } },
      conditions.endNotReminded(accessUntil),
    );
    const cancelled = await new Transaction(this.t)
      .add('member', memberUpdate(this.t.name, m.orgId, m.userId, remind))
      .add('audit', auditPut(this.t, event))
      .commit();
    return !cancelled;
  }
}
