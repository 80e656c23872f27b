import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from '../../shared/adapters/dynamodb/query-all.ts';
import type { User, useStack } from './stack.ts';

type Api = ReturnType<typeof useStack>;

/**
 * Direct reads and writes on a test stack's table, for what a test cannot (or should not have to)
 * reach over HTTP: the link token of an invitation without waiting for its email, a stored item's
 * TTL, a state owned by another feature's route.
 */
export function direct(api: Api) {
  const t = () => api.stack.runtime.table;
  return {
    async item(PK: string, SK: string) {
      return (await t().doc.send(new GetCommand({ TableName: t().name, Key: { PK, SK }, ConsistentRead: true }))).Item;
    },
    partition(PK: string) {
      return queryAll(t().doc, { TableName: t().name, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': PK } });
    },
    /** Invites `user` with `role` and accepts on their behalf (token read from the table, not the inbox). */
    async join(admin: User, orgId: string, user: User, role = 'member', extra: Record<string, unknown> = {}) {
      const inv = await api.invite(admin, orgId, { emails: user.email, role, ...extra });
      if (inv.status !== 201) throw new Error(`invite: ${inv.status} ${JSON.stringify(inv.body)}`);
      const token = await this.linkToken(orgId, inv.body.results[0]!.invitationId!);
      const r = await api.as(user).post('/invitations/accept', { token });
      if (r.status !== 200) throw new Error(`accept: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.membership;
    },
    /** The token the invitation's email carries (derived from its stored nonce, as the mailer does). */
    async linkToken(orgId: string, invitationId: string) {
      const inv = await this.item(`ORG#${orgId}`, `INV#${invitationId}`);
      if (!inv) throw new Error(`no invitation ${invitationId}`);
      return api.stack.runtime.deps.links.tokenFor({ orgId, invitationId, linkNonce: String(inv.linkNonce) });
    },
    async set(PK: string, SK: string, values: Record<string, unknown>) {
      const names = Object.keys(values);
      await t().doc.send(
        new UpdateCommand({
          TableName: t().name,
          Key: { PK, SK },
          UpdateExpression: `SET ${names.map((_, i) => `#n${i} = :v${i}`).join(', ')}`,
          ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#n${i}`, n])),
          ExpressionAttributeValues: Object.fromEntries(names.map((n, i) => [`:v${i}`, values[n]])),
        }),
      );
    },
  };
}
