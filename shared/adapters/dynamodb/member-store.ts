import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../db/table.ts';
import type { Member } from '../../domain/model.ts';
import type { MemberStore } from '../../ports.ts';
import type { Table } from './client.ts';
import { fromMemberItem } from './items.ts';

export class DynamoMemberStore implements MemberStore {
  constructor(private readonly t: Table) {}

  // AP3: every membership of a user, through GSI1.
  async listForUser(userId: string): Promise<Member[]> {
    const k = keys.userOrgs(userId);
    const out: Member[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const res = await this.t.doc.send(new QueryCommand({
        TableName: this.t.name,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :sk)',
        ExpressionAttributeValues: { ':pk': k.GSI1PK, ':sk': k.GSI1SKPrefix },
        ExclusiveStartKey: start,
      }));
      out.push(...(res.Items ?? []).map(fromMemberItem));
      start = res.LastEvaluatedKey;
    } while (start);
    return out;
  }
}
