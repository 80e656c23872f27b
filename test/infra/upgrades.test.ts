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
      expect(Object.entries(resources).filter(([, r]) => r.Type === type).map(([k]) => k), type).toEqual([id]);
    }
    expect(s.stacks.data.stackName).toBe('OrgInvitations-test-Data');
  }, 240_000);
});
