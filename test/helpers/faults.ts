import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { afterEach, beforeAll } from 'vitest';
import type { LocalStack } from '../../functions/local/stack.ts';

/**
 * Fault injection for tests, the way AWS fails in production: SDK middleware on the real clients at
 * the innermost position (step `deserialize`, priority `low`, i.e. below the deserializer and inside
 * the retry middleware of `finalizeRequest`). A fault is answered as an HTTP response the service
 * would send (status, `x-amzn-errortype`, JSON body), so the SDK's own deserializer turns it into the
 * real exception class and the SDK's own retry strategy decides whether to try again: each attempt
 * passes through here, and the plan sees (and counts) every one.
 *
 * A plan applies to the calls made inside `faults.run(plan, fn)` (AsyncLocalStorage), including the
 * calls of HTTP requests that `fn` makes through the test stack's `request` (the scope travels in a
 * header that the attached server reads), and not to the calls of the stream dispatcher or other
 * requests running at the same time. `faults.background(plan)` covers the calls made outside any
 * scope: the stream dispatcher and the scheduler, which run on their own.
 */

export type FaultKind =
  /** DynamoDB: 400 ThrottlingException (retried by the SDK) */
  | 'ThrottlingException'
  /** DynamoDB: 400 ProvisionedThroughputExceededException (retried by the SDK) */
  | 'ProvisionedThroughputExceededException'
  /** DynamoDB transactions: TransactionCanceledException, one item's reason TransactionConflict (not retried by the SDK) */
  | 'TransactionConflict'
  /** DynamoDB transactions: TransactionCanceledException, one item's reason ThrottlingError (not retried by the SDK) */
  | 'TransactionThrottlingError'
  /** DynamoDB: 400 AccessDeniedException, as when the function's role lacks a permission (retried by no one) */
  | 'AccessDenied'
  /** SES v2: 429 TooManyRequestsException (the account's sending rate) */
  | 'SesThrottled'
  /** SES v2: 400 MessageRejected */
  | 'SesRejected'
  /** Scheduler: 429 ThrottlingException */
  | 'SchedulerThrottled'
  /** Scheduler: 402 ServiceQuotaExceededException (too many schedules in the account) */
  | 'ServiceQuotaExceeded'
  /** Any service: the call is performed, then the connection drops before the answer (ECONNRESET) */
  | 'ResponseLost'
  /** Any service: a latency spike, the call is performed and answered after the rule's `delayMs` */
  | 'Slow';

export interface FaultRule {
  fault: FaultKind;
  /** Probability per attempt, 0..1, drawn from the plan's seeded generator. */
  rate: number;
  /** Command names without `Command` (`SendEmail`, `TransactWriteItems`); default: every command the fault applies to. */
  commands?: readonly string[];
  /** Inject at most this many times. */
  limit?: number;
  /** Let this many matching attempts through before the rule applies (a fault that starts later). */
  after?: number;
  /** `Slow` only: how long the answer takes. */
  delayMs?: number;
}

/**
 * The function dies at the `atCall`-th SDK attempt of its scope (1-based): before the call is sent,
 * or after the service performed it (the answer never arrives). Every later call of the scope fails
 * too, as nothing runs after a Lambda dies; the test then retries the invocation as Lambda would.
 */
export interface Crash {
  atCall: number;
  afterSend: boolean;
}

export interface FaultPlanInput {
  rules?: readonly FaultRule[];
  crash?: Crash;
  /** Seed of the generator; the same seed makes the same draws for the same sequence of calls. */
  seed?: number;
}

export interface AttemptRecord {
  client: string;
  command: string;
  fault?: FaultKind | 'Crash' | 'Dead';
}

/** Which service a fault can come from (by the client's class name). */
const appliesTo: Record<FaultKind, readonly string[]> = {
  ThrottlingException: ['DynamoDBClient'],
  ProvisionedThroughputExceededException: ['DynamoDBClient'],
  AccessDenied: ['DynamoDBClient'],
  TransactionConflict: ['DynamoDBClient'],
  TransactionThrottlingError: ['DynamoDBClient'],
  SesThrottled: ['SESv2Client'],
  SesRejected: ['SESv2Client'],
  SchedulerThrottled: ['SchedulerClient'],
  ServiceQuotaExceeded: ['SchedulerClient'],
  ResponseLost: ['DynamoDBClient', 'SESv2Client', 'SchedulerClient', 'EventBridgeClient'],
  Slow: ['DynamoDBClient', 'SESv2Client', 'SchedulerClient', 'EventBridgeClient'],
};
const transactions = new Set(['TransactWriteItems', 'TransactGetItems']);

export class FaultPlan {
  readonly rules: readonly FaultRule[];
  readonly crash: Crash | undefined;
  /** Every attempt that reached the service layer in this plan's scope, in order. */
  readonly attempts: AttemptRecord[] = [];
  private readonly injections = new Map<FaultRule, number>();
  private readonly passed = new Map<FaultRule, number>();
  private readonly random: () => number;
  dead = false;

  constructor(input: FaultPlanInput = {}) {
    this.rules = input.rules ?? [];
    this.crash = input.crash;
    this.random = mulberry32(input.seed ?? 1);
  }

  /** Attempts made, optionally of one command (`SendEmail`). */
  calls(command?: string): number {
    return this.attempts.filter((a) => !command || a.command === command).length;
  }

  /** Faults injected, optionally of one kind. */
  injected(kind?: AttemptRecord['fault']): number {
    return this.attempts.filter((a) => a.fault && (!kind || a.fault === kind)).length;
  }

  /** The rule that fires for this attempt, if any. Draws once per matching rule, in order. */
  pick(client: string, command: string): FaultRule | undefined {
    for (const rule of this.rules) {
      if (!appliesTo[rule.fault].includes(client)) continue;
      if (rule.commands && !rule.commands.includes(command)) continue;
      if ((rule.fault === 'TransactionConflict' || rule.fault === 'TransactionThrottlingError') && !transactions.has(command)) continue;
      const used = this.injections.get(rule) ?? 0;
      if (rule.limit !== undefined && used >= rule.limit) continue;
      const passed = this.passed.get(rule) ?? 0;
      if (passed < (rule.after ?? 0)) {
        this.passed.set(rule, passed + 1);
        continue;
      }
      if (this.random() < rule.rate) {
        this.injections.set(rule, used + 1);
        return rule;
      }
    }
    return undefined;
  }

  /** A fresh number in [0, 1) from the plan's generator (for tests that draw their own crash points). */
  draw(): number {
    return this.random();
  }
}

const scope = new AsyncLocalStorage<FaultPlan>();
let backgroundPlan: FaultPlan | undefined;
const attached = new WeakSet<object>();
const SCOPE_HEADER = 'x-test-fault-scope';
const scopesById = new Map<string, FaultPlan>();
let nextScopeId = 0;

interface AnyClient {
  middlewareStack: { add: (mw: never, opts: Record<string, unknown>) => void };
}

/**
 * Adds the fault middleware to a real SDK client (a DynamoDBDocumentClient shares its base client's
 * stack, so either may be given). Without a plan in scope it passes every call through.
 */
export function attachFaults(client: AnyClient): void {
  if (attached.has(client.middlewareStack)) return;
  attached.add(client.middlewareStack);
  const middleware =
    (next: (args: unknown) => Promise<unknown>, context: { clientName?: string; commandName?: string }) =>
    async (args: { input?: Record<string, unknown> }) => {
      const plan = scope.getStore() ?? backgroundPlan;
      if (!plan) return next(args);
      const clientName = String(context.clientName);
      const command = String(context.commandName).replace(/Command$/, '');
      const record: AttemptRecord = { client: clientName, command };
      plan.attempts.push(record);
      if (plan.dead) {
        record.fault = 'Dead';
        throw crashError();
      }
      if (plan.crash && plan.attempts.length === plan.crash.atCall) {
        record.fault = 'Crash';
        plan.dead = true;
        if (plan.crash.afterSend) await next(args);
        throw crashError();
      }
      const rule = plan.pick(clientName, command);
      if (!rule) return next(args);
      record.fault = rule.fault;
      if (rule.fault === 'ResponseLost') {
        await next(args);
        throw Object.assign(new Error('socket hang up'), { name: 'Error', code: 'ECONNRESET' });
      }
      if (rule.fault === 'Slow') {
        const answer = await next(args);
        await new Promise((r) => setTimeout(r, rule.delayMs ?? 0));
        return answer;
      }
      return { response: serviceAnswer(rule.fault, args.input ?? {}, plan) };
    };
  client.middlewareStack.add(middleware as never, { step: 'deserialize', priority: 'low', name: 'testFaultInjection' });
}

/** Runs `fn` with `plan` applied to the SDK calls it makes (and the HTTP requests it sends through the test stack). */
export function runWithFaults<T>(plan: FaultPlan, fn: () => Promise<T>): Promise<T> {
  return scope.run(plan, fn);
}

/** Applies `plan` to every call made outside a scope (the stream dispatcher, the scheduler), until cleared with `undefined`. */
export function setBackgroundFaults(plan: FaultPlan | undefined): void {
  backgroundPlan = plan;
}

/** The header that carries the current scope to the local server, if a plan is in scope. */
export function faultScopeHeaders(): Record<string, string> {
  const plan = scope.getStore();
  if (!plan) return {};
  const id = String(++nextScopeId);
  scopesById.set(id, plan);
  return { [SCOPE_HEADER]: id };
}

/**
 * Makes the local server run each request that carries a scope header inside that scope, so the
 * request's SDK calls see the plan and nothing else does.
 */
export function attachFaultsToServer(server: Server): void {
  if (attached.has(server)) return;
  attached.add(server);
  const listeners = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const id = req.headers[SCOPE_HEADER];
    const plan = typeof id === 'string' ? scopesById.get(id) : undefined;
    if (typeof id === 'string') scopesById.delete(id);
    const handle = () => {
      for (const l of listeners) l.call(server, req, res);
    };
    if (plan) scope.run(plan, handle);
    else handle();
  });
}

/**
 * Faults for a test file's stack (`useStack()` first): the middleware on its DynamoDB, SES and
 * Scheduler clients and its server. A background plan is cleared after each test.
 */
export function useFaults(api: { readonly stack: LocalStack }) {
  beforeAll(() => {
    const { clients, server } = api.stack;
    attachFaults(clients.dynamodb);
    attachFaults(clients.ses);
    attachFaults(clients.scheduler);
    attachFaultsToServer(server);
  });
  afterEach(() => setBackgroundFaults(undefined));
  return {
    plan: (input: FaultPlanInput) => new FaultPlan(input),
    run: runWithFaults,
    background: setBackgroundFaults,
  };
}

/** What the Lambda runtime sees when the function dies: not an AWS error, not retried by the SDK. */
const crashError = () => Object.assign(new Error('injected: the function died here'), { name: 'InjectedCrash' });

/** The HTTP answer each service gives for the fault, as its protocol writes it. */
function serviceAnswer(fault: Exclude<FaultKind, 'ResponseLost' | 'Slow'>, input: Record<string, unknown>, plan: FaultPlan) {
  const dynamo = (type: string, message: string, extra: Record<string, unknown> = {}) => ({
    statusCode: 400,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'injected' },
    body: JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message, ...extra }),
  });
  const rest = (status: number, type: string, message: string) => ({
    statusCode: status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': type, 'x-amzn-requestid': 'injected' },
    body: JSON.stringify({ message }),
  });
  const answer = (() => {
    switch (fault) {
      case 'ThrottlingException':
        return dynamo('ThrottlingException', 'Rate of requests exceeds the allowed throughput.');
      case 'ProvisionedThroughputExceededException':
        return dynamo('ProvisionedThroughputExceededException', 'The level of configured provisioned throughput for the table was exceeded.');
      case 'AccessDenied':
        return dynamo('AccessDeniedException', 'User is not authorized to perform this action because no identity-based policy allows it.');
      case 'TransactionConflict':
      case 'TransactionThrottlingError': {
        // one item (drawn) carries the reason, the others `None`, as DynamoDB reports a cancellation
        const n = Math.max(1, (input.TransactItems as unknown[] | undefined)?.length ?? 1);
        const at = Math.floor(plan.draw() * n);
        const code = fault === 'TransactionConflict' ? 'TransactionConflict' : 'ThrottlingError';
        const reasons = Array.from({ length: n }, (_, i) =>
          i === at
            ? {
                Code: code,
                Message:
                  code === 'TransactionConflict'
                    ? 'Transaction is ongoing for the item'
                    : 'Throughput exceeds the current capacity for one or more global secondary indexes.',
              }
            : { Code: 'None' },
        );
        return dynamo(
          'TransactionCanceledException',
          `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
          { CancellationReasons: reasons },
        );
      }
      case 'SesThrottled':
        return rest(429, 'TooManyRequestsException', 'Maximum sending rate exceeded.');
      case 'SesRejected':
        return rest(400, 'MessageRejected', 'Email address is not verified.');
      case 'SchedulerThrottled':
        return rest(429, 'ThrottlingException', 'Rate exceeded');
      case 'ServiceQuotaExceeded':
        return rest(402, 'ServiceQuotaExceededException', 'The request exceeds a service quota.');
    }
  })();
  return { ...answer, reason: 'injected', body: new TextEncoder().encode(answer.body) };
}

/** A small seeded generator, so a failing run can be replayed with its seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
