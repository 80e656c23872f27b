import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { itemTypes, keys } from '../../db/table.ts';
import type { Invitation } from '../../domain/model.ts';
import type { ErasurePlan, ErasureStore } from '../../ports.ts';
import type { Table } from './client.ts';
import { fromInvitationItem } from './items.ts';
import { onGsi1Under, queryAll, queryPages } from './query-all.ts';
import { conditionalWrite } from './transactions.ts';

type Item = Record<string, unknown>;

/** Key attributes are never rewritten by value: they are recomputed (invitations) or kept (audit). */
const KEY_ATTRS = new Set(['PK', 'SK', 'GSI1PK', 'GSI1SK', 'entity', 'ttl']);

/** Every string equal to a key of `replace`, at any depth, becomes its value. */
function rewrite(value: unknown, replace: Record<string, string>): unknown {
  if (typeof value === 'string') return Object.hasOwn(replace, value) ? replace[value] : value;
  if (Array.isArray(value)) return value.map((v) => rewrite(v, replace));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, KEY_ATTRS.has(k) ? v : rewrite(v, replace)]));
  }
  return value;
}

export class DynamoErasureStore implements ErasureStore {
  constructor(private readonly t: Table) {}

  async remember(plan: ErasurePlan): Promise<ErasurePlan> {
    // ADD on string sets merges with what an interrupted attempt recorded: nothing it saw is forgotten.
    // (A string set can be neither empty nor hold an empty string.) The first attempt's pseudonym stays.
    const sets = (['emails', 'names', 'orgIds'] as const).map((n) => [n, plan[n].filter(Boolean)] as const).filter(([, v]) => v.length > 0);
    const res = await this.t.doc.send(
      new UpdateCommand({
        TableName: this.t.name,
        Key: keys.erasure(plan.userId),
        UpdateExpression: `SET entity = :entity, userId = :user, pseudonym = if_not_exists(pseudonym, :pseudonym) ADD ${sets.map(([n]) => `#${n} :${n}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(sets.map(([n]) => [`#${n}`, n])),
        ExpressionAttributeValues: {
          ':entity': itemTypes.erasure,
          ':user': plan.userId,
          ':pseudonym': plan.pseudonym,
          ...Object.fromEntries(sets.map(([n, v]) => [`:${n}`, new Set(v)])),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const item = res.Attributes ?? {};
    const set = (n: string) => [...((item[n] as Set<string> | undefined) ?? [])].sort();
    return { userId: plan.userId, emails: set('emails'), names: set('names'), orgIds: set('orgIds'), pseudonym: String(item.pseudonym) };
  }

  // AP4 across orgs, every status: the invitations that carry the email.
  async invitationsTo(email: string): Promise<Invitation[]> {
    const items = await queryAll(this.t.doc, onGsi1Under(this.t.name, keys.invitationsToEmail(email)));
    return items.filter((i) => i.entity === itemTypes.invitation).map(fromInvitationItem);
  }

  async pseudonymizeOrg(orgId: string, who: { userId: string; emails: string[] }, replace: Record<string, string>): Promise<number> {
    let changed = 0;
    const values = { ':u': who.userId, ...Object.fromEntries(who.emails.map((e, i) => [`:e${i}`, e])) };
    const emails = who.emails.map((_, i) => `:e${i}`).join(', ');
    // AP7 with a filter: the events that name the user as actor, target, inviter or either side of a change.
    // A batch item's events (items.ts) cannot be matched one by one in a filter: every batch comes
    // back (the read costs the same either way), and only its events that name them are rewritten,
    // so that a name equal to some other value ("member") cannot reach other people's events.
    const audit = keys.auditPartition(orgId);
    const namesThem = (e: Item) => {
      const [actor, target, details] = [e.actor, e.target, e.details] as (Item | undefined)[];
      return (
        actor?.userId === who.userId ||
        who.emails.includes(String(actor?.email)) ||
        target?.userId === who.userId ||
        who.emails.includes(String(target?.email)) ||
        ['inviter', 'invitedBy', 'from', 'to'].some((k) => details?.[k] === who.userId)
      );
    };
    changed += await this.rewriteMatching(
      audit.PK,
      undefined,
      `#a.#u = :u OR #a.#e IN (${emails}) OR #t.#u = :u OR #t.#e IN (${emails}) OR ` +
        '#d.#inviter = :u OR #d.#invitedBy = :u OR #d.#from = :u OR #d.#to = :u OR attribute_exists(#events)',
      {
        '#events': 'events',
        '#a': 'actor',
        '#t': 'target',
        '#d': 'details',
        '#u': 'userId',
        '#e': 'email',
        '#inviter': 'inviter',
        '#invitedBy': 'invitedBy',
        '#from': 'from',
        '#to': 'to',
      },
      values,
      (item) => {
        if (!Array.isArray(item.events)) return rewrite(item, replace) as Item;
        // the shared actor, and each event by what it says itself
        return {
          ...item,
          ...(namesThem({ actor: item.actor }) ? { actor: rewrite(item.actor, replace) } : {}),
          events: (item.events as Item[]).map((e) => (namesThem(e) ? rewrite(e, replace) : e)),
        };
      },
    );
    // AP1 with a filter: invitations addressed to them (closed by now) or sent by them.
    const inv = keys.invitationPrefix(orgId);
    changed += await this.rewriteMatching(
      inv.PK,
      inv.SKPrefix,
      `(#e IN (${emails}) AND #status <> :pending) OR #invitedBy.#u = :u OR #acceptedBy = :u OR #revokedBy = :u`,
      { '#e': 'email', '#status': 'status', '#invitedBy': 'invitedBy', '#u': 'userId', '#acceptedBy': 'acceptedBy', '#revokedBy': 'revokedBy' },
      { ...values, ':pending': 'pending' },
      (item) => {
        const next = rewrite(item, replace) as Item;
        // the invitee's own names go with their address; the email index follows the new address
        if (next.email !== item.email) {
          delete next.firstName;
          delete next.lastName;
        }
        return Object.assign(next, keys.invitation(String(next.orgId), String(next.invitationId), String(next.email)));
      },
    );
    return changed;
  }

  private async rewriteMatching(
    pk: string,
    skPrefix: string | undefined,
    filter: string,
    names: Record<string, string>,
    values: Record<string, unknown>,
    rewriteItem: (item: Item) => Item,
  ): Promise<number> {
    let changed = 0;
    for await (const res of queryPages(this.t.doc, {
      TableName: this.t.name,
      KeyConditionExpression: skPrefix ? 'PK = :pk AND begins_with(SK, :sk)' : 'PK = :pk',
      FilterExpression: filter,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ...values, ':pk': pk, ...(skPrefix ? { ':sk': skPrefix } : {}) },
      ConsistentRead: true,
    })) {
      for (const item of res.Items ?? []) {
        const next = rewriteItem(item);
        if (JSON.stringify(next) === JSON.stringify(item)) continue;
        // Only where the item still exists: a TTL purge in between must not resurrect it.
        if (await conditionalWrite(this.t.doc.send(new PutCommand({ TableName: this.t.name, Item: next, ConditionExpression: 'attribute_exists(PK)' })))) {
          changed++;
        }
      }
    }
    return changed;
  }

  async forget(plan: ErasurePlan): Promise<void> {
    // the known-user record is theirs only if it still names them: someone else may hold the address now
    const knownUser = (email: string) =>
      conditionalWrite(
        this.t.doc.send(
          new DeleteCommand({
            TableName: this.t.name,
            Key: keys.userEmail(email),
            ConditionExpression: 'userId = :u',
            ExpressionAttributeValues: { ':u': plan.userId },
          }),
        ),
      );
    await Promise.all([...plan.emails.map(knownUser), this.t.doc.send(new DeleteCommand({ TableName: this.t.name, Key: keys.profile(plan.userId) }))]);
    // last: while this record exists, a retry knows which orgs still need their trail rewritten
    await this.t.doc.send(new DeleteCommand({ TableName: this.t.name, Key: keys.erasure(plan.userId) }));
  }
}
