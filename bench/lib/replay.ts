import { BatchGetCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CallRecord } from '../../measure/instrument.ts';
import { ulid } from '../../shared/adapters/system/ids.ts';

const commands: Record<string, new (input: never) => unknown> = {
  BatchGetItemCommand: BatchGetCommand,
  GetItemCommand: GetCommand,
  PutItemCommand: PutCommand,
  QueryCommand,
  TransactWriteItemsCommand: TransactWriteCommand,
  UpdateItemCommand: UpdateCommand,
};

/**
 * The baseline for the handler-overhead ratio: the exact DynamoDB calls a handler made, sent again
 * straight through the SDK with fresh ids (so conditions such as attribute_not_exists pass again).
 * What remains between the two timings is the handler: middy, validation, authorization, rules, logging.
 */
export function prepareReplay(calls: CallRecord[], replace: Map<string, string>) {
  const fresh = new Map(replace);
  // a failed call was sent again by the retry policy: the handler's writes are the ones that succeeded
  const prepared = calls
    .filter((c) => !c.failed)
    .map((c) => {
      const json = JSON.stringify(c.input);
      for (const id of new Set(json.match(/\b(evt|inv|team)_[0-9A-Z]{26}\b/g) ?? []))
        if (!fresh.has(id)) fresh.set(id, `${id.slice(0, id.indexOf('_'))}_${ulid()}`);
      return command(c, fresh);
    });
  return async (doc: DynamoDBDocumentClient) => {
    for (const { Ctor, input } of prepared) await doc.send(new Ctor(input as never) as never);
  };
}

/**
 * The floor of a bulk invite: its calls sent straight through the SDK, the reads and the counter
 * reservation first and then the chunk transactions `inFlight` at a time, as the store sends them.
 * `replace` must move every key (a new org id and a new email domain do: every item of a bulk
 * invite is keyed by one or the other), so no id needs refreshing.
 */
export function prepareBulkReplay(calls: CallRecord[], replace: Map<string, string>, inFlight: number) {
  // as above: replaying a failed chunk transaction and its retry would write the chunk twice
  const prepared = calls.filter((c) => !c.failed).map((c) => command(c, replace));
  const first = prepared.filter((p) => p.Ctor !== TransactWriteCommand);
  const transactions = prepared.filter((p) => p.Ctor === TransactWriteCommand);
  return async (doc: DynamoDBDocumentClient) => {
    for (const { Ctor, input } of first) await doc.send(new Ctor(input as never) as never);
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        for (let t = transactions.shift(); t; t = transactions.shift()) await doc.send(new t.Ctor(t.input as never) as never);
      }),
    );
  };
}

function command(c: CallRecord, replace: Map<string, string>) {
  let json = JSON.stringify(c.input);
  for (const [from, to] of replace) json = json.split(from).join(to);
  const input = JSON.parse(json) as Record<string, unknown>;
  delete input.ReturnConsumedCapacity;
  const Ctor = commands[c.command];
  if (!Ctor) throw new Error(`replay does not know ${c.command}`);
  return { Ctor, input };
}
