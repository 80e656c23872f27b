import { describe, expect, it } from 'vitest';
import { resourcesOf, synth } from './synth.ts';

const SYNTH_TIMEOUT = 240_000;

describe('sending from a domain (production)', () => {
  it('with a Route 53 zone, the stack verifies the domain with Easy DKIM and writes the DKIM and MAIL FROM records', () => {
    const s = synth({ senderEmail: 'invitations@acme.io', senderDomain: 'acme.io', hostedZoneId: 'Z0123456789ABC' });
    s.data.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'acme.io', MailFromAttributes: { MailFromDomain: 'mail.acme.io' } });
    const records = Object.values(resourcesOf(s.data, 'AWS::Route53::RecordSet')).map((r) => r.Properties as Record<string, unknown>);
    expect(records.filter((r) => r.Type === 'CNAME')).toHaveLength(3);
    expect(records.every((r) => r.HostedZoneId === 'Z0123456789ABC')).toBe(true);
    expect(records.find((r) => r.Type === 'TXT')?.ResourceRecords).toEqual(['"v=spf1 include:amazonses.com ~all"']);
    expect(records.find((r) => r.Type === 'MX')).toBeDefined();
  }, SYNTH_TIMEOUT);

  it('without a zone, the records to add by hand are outputs', () => {
    const s = synth({ senderEmail: 'invitations@acme.io', senderDomain: 'acme.io' });
    expect(Object.keys(resourcesOf(s.data, 'AWS::Route53::RecordSet'))).toEqual([]);
    const outputs = Object.keys(s.data.toJSON().Outputs ?? {});
    expect(outputs).toEqual(expect.arrayContaining(['DkimRecord1', 'DkimRecord2', 'DkimRecord3', 'MailFromMxRecord', 'MailFromSpfRecord']));
  }, SYNTH_TIMEOUT);
});

describe('a sandbox stage is a trial', () => {
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
  }, SYNTH_TIMEOUT);
});

describe('the dispatcher\'s SES pacing', () => {
  const dispatcher = (s: ReturnType<typeof synth>) => {
    const id = s.stacks.api.getLogicalId(s.stacks.api.workers.dispatcher.node.defaultChild as never);
    return resourcesOf(s.api, 'AWS::Lambda::Function')[id]?.Properties as { Environment: { Variables: Record<string, string> }; Timeout: number };
  };
  const batchSize = (s: ReturnType<typeof synth>) => {
    const id = s.stacks.api.getLogicalId(s.stacks.api.workers.dispatcher.node.defaultChild as never);
    const mapping = Object.values(resourcesOf(s.api, 'AWS::Lambda::EventSourceMapping')).find((m) => JSON.stringify(m.Properties?.FunctionName).includes(id));
    return mapping?.Properties?.BatchSize as number;
  };

  it('sends at the SES sandbox\'s 1 a second in a sandbox stage, 14 in production, or the rate given; a full batch fits in half its timeout', () => {
    const sandbox = synth({ stage: 'trial', sandbox: 'true' });
    expect(dispatcher(sandbox).Environment.Variables.SES_MAX_SEND_RATE).toBe('1');
    // 25 records at 1 a second: 25 s, within the 60 s timeout with room for the table writes
    expect(batchSize(sandbox) / 1).toBeLessThanOrEqual(dispatcher(sandbox).Timeout / 2);
    const prod = synth({ sesMaxSendRate: '40' });
    expect(dispatcher(prod).Environment.Variables.SES_MAX_SEND_RATE).toBe('40');
  }, SYNTH_TIMEOUT);
});
