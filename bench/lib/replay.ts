import { BatchGetCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CallRecord } from '../../measure/instrument.ts';
import { ulid } from '../../shared/adapters/system/ids.ts';
import { itemTypes } from '../../shared/db/table.ts';

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
 * The floor of a bulk invite: its calls sent straight through the SDK in the store's order: the reads
 * and the reservation first, then the chunk transactions `inFlight` at a time, then the settle.
 * `replace` must move every key (a new org id and a new email domain do: every item of a bulk
 * invite is keyed by one or the other), so no id needs refreshing.
 */
export function prepareBulkReplay(calls: CallRecord[], replace: Map<string, string>, inFlight: number) {
  // as above: replaying a failed chunk transaction and its retry would write the chunk twice
  const prepared = calls.filter((c) => !c.failed).map((c) => command(c, replace));
  // a chunk checks that the reservation is there and the settle deletes it: sent beside the chunks,
  // either could reach the table first on a busy machine and fail a chunk's condition
  const chunks = prepared.filter(isChunk);
  if (chunks.length === 0) throw new Error('a bulk invite without chunk transactions: the replay no longer matches the store');
  const first = prepared.slice(0, prepared.indexOf(chunks[0]!));
  const last = prepared.slice(prepared.indexOf(chunks[chunks.length - 1]!) + 1);
  return async (doc: DynamoDBDocumentClient) => {
    for (const { Ctor, input } of first) await doc.send(new Ctor(input as never) as never);
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        for (let t = chunks.shift(); t; t = chunks.shift()) await doc.send(new t.Ctor(t.input as never) as never);
      }),
    );
    for (const { Ctor, input } of last) await doc.send(new Ctor(input as never) as never);
  };
}

/** A chunk transaction records the places it used in an item of the reservation (reservations.ts). */
function isChunk(p: { Ctor: unknown; input: Record<string, unknown> }) {
  const items = (p.input.TransactItems ?? []) as { Put?: { Item?: { entity?: unknown } } }[];
  return p.Ctor === TransactWriteCommand && items.some((i) => i.Put?.Item?.entity === itemTypes.reservationChunk);
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
