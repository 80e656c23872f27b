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
