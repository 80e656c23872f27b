import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { retryPolicy } from '../../shared/adapters/dynamodb/retry-policy.ts';
import { AwsScheduler } from '../../shared/adapters/scheduler/aws-scheduler.ts';
import type { DomainError } from '../../shared/domain/errors.ts';
import { FaultPlan, useFaults } from '../helpers/faults.ts';
import { useStack } from '../helpers/stack.ts';

/**
 * The fault-injection layer itself (test/helpers/faults.ts): a fault is a service answer the SDK's
 * own retry strategy sees, attempt by attempt, and a plan reaches exactly the calls of its scope.
 */
const api = useStack();
const faults = useFaults(api);

const doc = () => api.stack.clients.dynamodb;
const table = () => api.stack.runtime.table.name;
const key = (name: string) => ({ PK: `FAULTTEST#${name}`, SK: 'X' });
const errorOf = async (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) =>
      e as Error & {
        $metadata?: { attempts?: number };
        CancellationReasons?: { Code: string }[];
        cause?: unknown;
      },
  );
const scheduler = () => new AwsScheduler({ region: 'us-east-1', groupName: 'local', targetArn: 'arn:t', roleArn: 'arn:r' }, api.stack.clients.scheduler);
const email = (to: string) =>
  new SendEmailCommand({
    FromEmailAddress: 'invitations@localhost.test',
    Destination: { ToAddresses: [to] },
    Content: { Simple: { Subject: { Data: 'hello' }, Body: { Text: { Data: 'hello' } } } },
  });

describe('fault injection on the real SDK clients', () => {
  it('the SDK retries an injected ThrottlingException as it would one from DynamoDB, and the plan sees every attempt', async () => {
    // Prepare
    await doc().send(new PutCommand({ TableName: table(), Item: { ...key('throttled'), v: 1 } }));
    const plan = new FaultPlan({ rules: [{ fault: 'ThrottlingException', rate: 1, limit: 2, commands: ['GetItem'] }] });

    // Act
    const out = await faults.run(plan, () => doc().send(new GetCommand({ TableName: table(), Key: key('throttled') })));

    // Assess: two throttled attempts, then the real answer
    expect(out.Item?.v).toBe(1);
    expect(out.$metadata.attempts).toBe(3);
    expect(plan.calls('GetItem')).toBe(3);
    expect(plan.injected('ThrottlingException')).toBe(2);
  });

  it('a fault that outlasts the retries reaches the caller as service_busy, after the SDK and the retry policy both gave up', async () => {
    const plan = new FaultPlan({ rules: [{ fault: 'ProvisionedThroughputExceededException', rate: 1 }] });

    const error = await errorOf(faults.run(plan, () => doc().send(new GetCommand({ TableName: table(), Key: key('x') }))));

    // the SDK's own attempts, inside each attempt of the project's retry policy (retry-policy.ts)
    const maxAttempts = await doc().config.maxAttempts();
    expect(maxAttempts).toBeGreaterThan(1);
    expect([error.name, (error as unknown as DomainError).code]).toEqual(['DomainError', 'service_busy']);
    expect((error.cause as Error).name).toBe('ProvisionedThroughputExceededException');
    expect((error.cause as typeof error).$metadata?.attempts).toBe(maxAttempts);
    expect(plan.calls()).toBe(maxAttempts * retryPolicy.attempts);
  });

  it('a TransactionConflict is a TransactionCanceledException with one reason per item; the SDK does not retry it, the retry policy does, and it writes nothing', async () => {
    const plan = new FaultPlan({ rules: [{ fault: 'TransactionConflict', rate: 1 }] });
    const items = ['t1', 't2', 't3'].map((n) => ({ Put: { TableName: table(), Item: key(n) } }));

    const error = await errorOf(faults.run(plan, () => doc().send(new TransactWriteCommand({ TransactItems: items }))));

    const cause = error.cause as typeof error;
    expect((error as unknown as DomainError).code).toBe('service_busy');
    expect(cause.name).toBe('TransactionCanceledException');
    expect(cause.CancellationReasons?.map((r) => r.Code).sort()).toEqual(['None', 'None', 'TransactionConflict']);
    expect(cause.$metadata?.attempts).toBe(1);
    expect(plan.calls('TransactWriteItems')).toBe(retryPolicy.attempts);
    expect((await doc().send(new GetCommand({ TableName: table(), Key: key('t1') }))).Item).toBeUndefined();
  });

  it('a conflict that passes is absorbed: the retry policy sends the transaction again and it commits once', async () => {
    const plan = new FaultPlan({ rules: [{ fault: 'TransactionConflict', rate: 1, limit: 2 }] });
    const items = ['u1', 'u2'].map((n) => ({ Put: { TableName: table(), Item: key(n), ConditionExpression: 'attribute_not_exists(PK)' } }));

    await faults.run(plan, () => doc().send(new TransactWriteCommand({ TransactItems: items })));

    expect(plan.calls('TransactWriteItems')).toBe(3);
    expect((await doc().send(new GetCommand({ TableName: table(), Key: key('u2') }))).Item).toBeDefined();
  });

  it('a response lost after the call was performed: the write happened, and the SDK sends it again', async () => {
    // A conditional put shows the second attempt: it finds its own first write
    const plan = new FaultPlan({ rules: [{ fault: 'ResponseLost', rate: 1, limit: 1 }] });

    const error = await errorOf(
      faults.run(plan, () =>
        doc().send(
          new PutCommand({
            TableName: table(),
            Item: { ...key('lost'), v: 1 },
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        ),
      ),
    );

    expect(error.name).toBe('ConditionalCheckFailedException');
    expect(plan.calls('PutItem')).toBe(2);
    expect((await doc().send(new GetCommand({ TableName: table(), Key: key('lost') }))).Item?.v).toBe(1);
  });

  it('a plan reaches only its commands and only the calls of its scope, not calls made beside it', async () => {
    // Prepare
    const plan = new FaultPlan({ rules: [{ fault: 'ThrottlingException', rate: 1, commands: ['PutItem'] }] });

    // Act: a GetItem in scope, and a PutItem outside the scope at the same moment
    const [inScope, outside] = await Promise.all([
      faults.run(plan, () => doc().send(new GetCommand({ TableName: table(), Key: key('scope') }))),
      doc().send(new PutCommand({ TableName: table(), Item: key('scope') })),
    ]);

    // Assess
    expect(inScope.$metadata.attempts).toBe(1);
    expect(outside.$metadata.attempts).toBe(1);
    expect(plan.attempts).toEqual([{ client: 'DynamoDBClient', command: 'GetItem' }]);
  });

  it('a request sent inside the scope carries the plan to its handler over HTTP; requests outside it do not', async () => {
    // Prepare
    const admin = await api.user('Ada');
    const org = await api.createOrg(admin);
    const plan = new FaultPlan({ rules: [{ fault: 'ProvisionedThroughputExceededException', rate: 1 }] });

    // Act
    const [faulted, clean] = await Promise.all([faults.run(plan, () => api.as(admin).get(`/orgs/${org.orgId}`)), api.as(admin).get(`/orgs/${org.orgId}`)]);

    // Assess
    expect(clean.status).toBe(200);
    expect([faulted.status, faulted.body.code]).toEqual([503, 'service_busy']);
    expect(plan.injected('ProvisionedThroughputExceededException')).toBeGreaterThanOrEqual(3);
  });

  it('SES: a throttled send is retried by the SDK; a rejected one is not', async () => {
    const throttled = new FaultPlan({ rules: [{ fault: 'SesThrottled', rate: 1, limit: 1 }] });
    const rejected = new FaultPlan({ rules: [{ fault: 'SesRejected', rate: 1 }] });
    const to = `faults.${Date.now()}@example.com`;

    const sent = await faults.run(throttled, () => api.stack.clients.ses.send(email(to)));
    const error = await errorOf(faults.run(rejected, () => api.stack.clients.ses.send(email(to))));

    expect(sent.$metadata.attempts).toBe(2);
    expect(throttled.calls('SendEmail')).toBe(2);
    expect(error.name).toBe('MessageRejected');
    expect(rejected.calls('SendEmail')).toBe(1);
    expect(await api.stack.ses.emails(to)).toHaveLength(1);
  });

  it('Scheduler: a throttled CreateSchedule is retried and creates one schedule; an exceeded quota is not retried', async () => {
    const throttled = new FaultPlan({ rules: [{ fault: 'SchedulerThrottled', rate: 1, limit: 2 }] });
    const quota = new FaultPlan({ rules: [{ fault: 'ServiceQuotaExceeded', rate: 1 }] });
    const job = { kind: 'reminder' as const, orgId: 'o', invitationId: 'i' };
    const at = new Date(Date.now() + 86_400_000);

    await faults.run(throttled, () => scheduler().scheduleOnce({ name: 'reminder-faulttest', at, job }));
    const error = await errorOf(faults.run(quota, () => scheduler().scheduleOnce({ name: 'reminder-faulttest2', at, job })));

    expect(throttled.calls('CreateSchedule')).toBe(3);
    expect(error.name).toBe('ServiceQuotaExceededException');
    expect(quota.calls('CreateSchedule')).toBe(1);
    const names = (await api.stack.scheduler.pending()).map((s) => s.name);
    expect(names.filter((n) => n.startsWith('reminder-faulttest'))).toEqual(['reminder-faulttest']);
  });

  it('a crash after the send: that call was performed, it and every later call of the scope fail, none is retried', async () => {
    const plan = new FaultPlan({ crash: { atCall: 2, afterSend: true } });
    const put = (n: string) => doc().send(new PutCommand({ TableName: table(), Item: key(n) }));

    const error = await errorOf(
      faults.run(plan, async () => {
        await put('c1');
        await put('c2').catch(() => undefined);
        await put('c3');
      }),
    );

    expect(error.name).toBe('InjectedCrash');
    expect(plan.attempts.map((a) => a.fault)).toEqual([undefined, 'Crash', 'Dead']);
    const stored = await Promise.all(
      ['c1', 'c2', 'c3'].map(async (n) => Boolean((await doc().send(new GetCommand({ TableName: table(), Key: key(n) }))).Item)),
    );
    expect(stored).toEqual([true, true, false]);
  });

  it('the same seed draws the same faults', async () => {
    const draws = (seed: number) => {
      const plan = new FaultPlan({ seed, rules: [{ fault: 'ThrottlingException', rate: 0.5 }] });
      return Array.from({ length: 40 }, () => Boolean(plan.pick('DynamoDBClient', 'GetItem')));
    };
    expect(draws(7)).toEqual(draws(7));
    expect(draws(7)).not.toEqual(draws(8));
    expect(draws(7).filter(Boolean).length).toBeGreaterThan(5);
  });
});
