import { BatchWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalStack } from '../functions/local/stack.ts';
import { memberClaimItem, memberItem } from '../shared/adapters/dynamodb/items.ts';
import { keys } from '../shared/db/table.ts';
import type { Member } from '../shared/domain/model.ts';

/**
 * Writes `count` active members straight into the org's partition (member item and email claim,
 * as an accepted invitation leaves them) and sets the org's counter to match. Seeding through the
 * API would take 20,000 requests for nothing the bench measures.
 */
export async function seedMembers(stack: LocalStack, orgId: string, count: number, invitedBy: { userId: string; name: string }) {
  const { doc, name } = stack.runtime.table;
  const items: Record<string, unknown>[] = [];
  const joinedAt = new Date(Date.now() - 86_400_000).toISOString();
  for (let i = 0; i < count; i++) {
    const n = String(i).padStart(5, '0');
    const m: Member = {
      orgId,
      userId: `usr_seed${n}`,
      email: `member${n}@seed.example.com`,
      name: `Member ${n}`,
      role: i % 50 === 0 ? 'viewer' : 'member',
      status: 'active',
      teams: [],
      joinedAt,
      invitedBy,
    };
    items.push(memberItem(m), memberClaimItem(m));
  }
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < batches.length) {
        let request = (batches[next++] ?? []).map((Item) => ({ PutRequest: { Item } }));
        while (request.length > 0) {
          const res = await doc.send(new BatchWriteCommand({ RequestItems: { [name]: request } }));
          request = (res.UnprocessedItems?.[name] ?? []) as typeof request;
        }
      }
    }),
  );
  await doc.send(
    new UpdateCommand({
      TableName: name,
      Key: keys.org(orgId),
      UpdateExpression: 'ADD memberCount :n',
      ExpressionAttributeValues: { ':n': count },
    }),
  );
}
