import { describe, expect, it } from 'vitest';
import { resourcesOf, SYNTH_TIMEOUT, synth } from './synth.ts';

// Each test synthesizes an app of its own (its context is what it tests): hence every describe's timeout.

describe('sending from a domain (production)', { timeout: SYNTH_TIMEOUT }, () => {
  it('with a Route 53 zone, the stack verifies the domain with Easy DKIM and writes the DKIM and MAIL FROM records', () => {
    const s = synth({ senderEmail: 'invitations@acme.io', senderDomain: 'acme.io', hostedZoneId: 'Z0123456789ABC' });
    s.data.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'acme.io', MailFromAttributes: { MailFromDomain: 'mail.acme.io' } });
    const records = Object.values(resourcesOf(s.data, 'AWS::Route53::RecordSet')).map((r) => r.Properties as Record<string, unknown>);
    expect(records.filter((r) => r.Type === 'CNAME')).toHaveLength(3);
    expect(records.every((r) => r.HostedZoneId === 'Z0123456789ABC')).toBe(true);
    expect(records.find((r) => r.Type === 'TXT')?.ResourceRecords).toEqual(['"v=spf1 include:amazonses.com ~all"']);
    expect(records.find((r) => r.Type === 'MX')).toBeDefined();
  });

  it('without a zone, the records to add by hand are outputs', () => {
    const s = synth({ senderEmail: 'invitations@acme.io', senderDomain: 'acme.io' });
    expect(Object.keys(resourcesOf(s.data, 'AWS::Route53::RecordSet'))).toEqual([]);
    const outputs = Object.keys(s.data.toJSON().Outputs ?? {});
    expect(outputs).toEqual(expect.arrayContaining(['DkimRecord1', 'DkimRecord2', 'DkimRecord3', 'MailFromMxRecord', 'MailFromSpfRecord']));
  });
});

describe('a sandbox stage is a trial', { timeout: SYNTH_TIMEOUT }, () => {
  it('throttles the API to 10 requests a second (burst 20) and lets its key go after the shortest wait', () => {
    const s = synth({ stage: 'trial', sandbox: 'true' });
    s.api.hasResourceProperties('AWS::ApiGatewayV2::Stage', { DefaultRouteSettings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 } });
    s.api.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Delete', Properties: { PendingWindowInDays: 7 } });
    for (const [id, r] of Object.entries(s.api.toJSON().Resources as Record<string, { DeletionPolicy?: string }>)) {
      expect(r.DeletionPolicy ?? 'Delete', id).toBe('Delete');
    }
    for (const [id, r] of Object.entries(s.data.toJSON().Resources as Record<string, { DeletionPolicy?: string }>)) {
      expect(r.DeletionPolicy ?? 'Delete', id).toBe('Delete');
    }
  });
});

describe("the dispatcher's SES pacing", { timeout: SYNTH_TIMEOUT }, () => {
  const dispatcherId = (s: ReturnType<typeof synth>) => s.stacks.api.getLogicalId(s.stacks.api.workers.dispatcher.node.defaultChild as never);
  const dispatcher = (s: ReturnType<typeof synth>) =>
    resourcesOf(s.api, 'AWS::Lambda::Function')[dispatcherId(s)]?.Properties as {
      Environment: { Variables: Record<string, string> };
      Timeout: number;
      ReservedConcurrentExecutions?: number;
    };
  const mapping = (s: ReturnType<typeof synth>) =>
    Object.values(resourcesOf(s.api, 'AWS::Lambda::EventSourceMapping')).find((m) => JSON.stringify(m.Properties?.FunctionName).includes(dispatcherId(s)))
      ?.Properties as { BatchSize: number; ParallelizationFactor?: number };
  /** Emails a second all dispatcher instances together can send: instances at once x each one's rate. */
  const accountWide = (s: ReturnType<typeof synth>) => {
    const fn = dispatcher(s);
    expect(fn.ReservedConcurrentExecutions, 'without a reservation nothing bounds the instances').toBeDefined();
    // one instance per shard at a time: more batches of a shard at once would multiply the instances again
    expect(mapping(s).ParallelizationFactor ?? 1).toBe(1);
    return (fn.ReservedConcurrentExecutions as number) * Number(fn.Environment.Variables.SES_MAX_SEND_RATE);
  };
  /** A full batch at the instance's rate fits in half the dispatcher's timeout. */
  const batchFits = (s: ReturnType<typeof synth>) =>
    expect(mapping(s).BatchSize / Number(dispatcher(s).Environment.Variables.SES_MAX_SEND_RATE)).toBeLessThanOrEqual(dispatcher(s).Timeout / 2);

  it("in production the instances share the account's rate: reserved concurrency x each one's rate is the rate (default 14, 2 instances at 7)", () => {
    const prod = synth();
    expect(dispatcher(prod).ReservedConcurrentExecutions).toBe(2);
    expect(dispatcher(prod).Environment.Variables.SES_MAX_SEND_RATE).toBe('7');
    expect(accountWide(prod)).toBe(14);
    batchFits(prod);
    const given = synth({ sesMaxSendRate: '40', dispatcherConcurrency: '4' });
    expect(dispatcher(given).ReservedConcurrentExecutions).toBe(4);
    expect(accountWide(given)).toBe(40);
    batchFits(given);
  });

  it('below one email a second per instance the batch shrinks so it still fits in half the timeout', () => {
    const slow = synth({ sesMaxSendRate: '1', dispatcherConcurrency: '4' });
    expect(dispatcher(slow).Environment.Variables.SES_MAX_SEND_RATE).toBe('0.25');
    expect(mapping(slow).BatchSize).toBe(7);
    expect(accountWide(slow)).toBe(1);
    batchFits(slow);
  });

  it("a sandbox stage reserves nothing (a fresh account cannot) and sends at the SES sandbox's 1 a second per instance; reserved on request", () => {
    const sandbox = synth({ stage: 'trial', sandbox: 'true' });
    expect(dispatcher(sandbox).ReservedConcurrentExecutions).toBeUndefined();
    expect(dispatcher(sandbox).Environment.Variables.SES_MAX_SEND_RATE).toBe('1');
    expect(mapping(sandbox).BatchSize).toBe(25);
    batchFits(sandbox);
    const reserved = synth({ stage: 'trial', sandbox: 'true', dispatcherConcurrency: '1' });
    expect(accountWide(reserved)).toBe(1);
    // unreserved, the dispatcher's throttles are the account's kind and stay in the throttles alarm
    const throttles = Object.entries(resourcesOf(sandbox.monitoring, 'AWS::CloudWatch::Alarm')).find(([id]) => id.startsWith('MonitoringLambdaThrottles'))?.[1];
    expect(throttles?.Properties).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Throttles' });
    expect(throttles?.Properties?.Dimensions).toBeUndefined();
  });
});
