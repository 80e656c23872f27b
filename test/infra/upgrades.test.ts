import { describe, expect, it } from 'vitest';
import { synth } from './synth.ts';

/**
 * What an upgrade must not change (docs/deploy.md, Upgrades): CloudFormation replaces a resource whose
 * logical id changes, and a replaced table, secret or user pool is a new, empty one (the retained old
 * one is orphaned). These ids are part of the deployed contract.
 */
const STATEFUL = {
  'AWS::DynamoDB::Table': 'TableCD117FA1',
  'AWS::SecretsManager::Secret': 'LinkSecret6774D112',
  'AWS::Cognito::UserPool': 'Users0A0EEA89',
  'AWS::Cognito::UserPoolClient': 'UsersWebClient8EE36D42',
  'AWS::SES::EmailIdentity': 'SenderF5F9B8E0',
  'AWS::Events::EventBus': 'IntegrationEvents8EC81578',
};

describe('upgrades keep the data', () => {
  it('the table, link secret, user pool and its client, sender identity and event bus keep their logical ids in the Data stack', () => {
    const s = synth();
    const resources = s.data.toJSON().Resources as Record<string, { Type: string }>;
    for (const [type, id] of Object.entries(STATEFUL)) {
      expect(
        Object.entries(resources)
          .filter(([, r]) => r.Type === type)
          .map(([k]) => k),
        type,
      ).toEqual([id]);
    }
    expect(s.stacks.data.stackName).toBe('OrgInvitations-test-Data');
  }, 240_000);

  it("the stream's event source mappings keep their ids through the OrgInvitations construct (CDK derives them from construct paths)", () => {
    // A replaced mapping is a new one that starts at TRIM_HORIZON: it reads the stream again from its
    // oldest record, up to 24 hours of changes handled twice. These are the ids of 0.2.0, before the
    // construct; the project's app keeps them by giving the construct the id CDK leaves out ('Default').
    const s = synth();
    const mappings = Object.entries(s.api.toJSON().Resources as Record<string, { Type: string }>)
      .filter(([, r]) => r.Type === 'AWS::Lambda::EventSourceMapping')
      .map(([id]) => id)
      .sort();
    expect(mappings).toEqual([
      'DispatcherDynamoDBEventSourceOrgInvitationstestDataTableC7D9D2FE3686D4DB',
      'EventPublisherDynamoDBEventSourceOrgInvitationstestDataTableC7D9D2FE145498AC',
    ]);
    expect(s.stacks.api.stackName).toBe('OrgInvitations-test-Api');
  }, 240_000);
});
