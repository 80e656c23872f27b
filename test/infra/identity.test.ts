import { App } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { readSettings } from '../../infra/settings.ts';
import { baseContext, SYNTH_TIMEOUT, synth } from './synth.ts';

const catalogue = { default: 'trial', plans: { trial: { pendingInvitations: 10, members: 5, directAdd: false } } };
const settingsOf = (context: Record<string, unknown>) => readSettings(new App({ context: { ...baseContext, ...context } }).node);

describe('who may get an account (issue 17: identity)', { timeout: SYNTH_TIMEOUT }, () => {
  it('open sign-up is off unless the stage is a sandbox, and a production stage opens it only by saying so', () => {
    expect(settingsOf({ stage: 'prod' }).selfSignUp).toBe(false);
    expect(settingsOf({ stage: 'dev' }).selfSignUp).toBe(false);
    expect(settingsOf({ stage: 'trial', sandbox: 'true' }).selfSignUp).toBe(true);
    expect(settingsOf({ stage: 'trial', sandbox: 'true', selfSignUp: 'false' }).selfSignUp).toBe(false);
    expect(settingsOf({ stage: 'prod', selfSignUp: 'true' }).selfSignUp).toBe(true);
    expect(() => settingsOf({ selfSignUp: 'yes' })).toThrow(/selfSignUp/);
  });

  it('a production user pool lets only the operator create users, and an email change takes effect only once verified', () => {
    const prod = synth({ stage: 'prod', plans: catalogue });
    prod.data.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
      AutoVerifiedAttributes: ['email'],
      // keepOriginal: the old, verified address stays in the token until the new one is verified
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
    });
    // (the same synth) the operator's plan catalogue is what the functions are configured with
    const functions = Object.values(prod.api.findResources('AWS::Lambda::Function')) as {
      Properties: { Environment?: { Variables?: Record<string, unknown> } };
    }[];
    const withPlans = functions.filter((f) => f.Properties.Environment?.Variables?.PLANS === JSON.stringify(catalogue));
    expect(withPlans.length).toBeGreaterThan(30);
  });

  it('a sandbox user pool lets anyone sign up (a trial), still verifying emails before they count', () => {
    const sandbox = synth({ stage: 'trial', sandbox: 'true' });
    sandbox.data.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: false }),
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
    });
  });
});

describe("plans are the operator's configuration", () => {
  it('a plan catalogue from context reaches every function as PLANS, and a broken one fails the synth', () => {
    expect(settingsOf({ plans: catalogue }).plans).toBe(JSON.stringify(catalogue));
    expect(settingsOf({ plans: JSON.stringify(catalogue) }).plans).toBe(JSON.stringify(catalogue));
    expect(settingsOf({}).plans).toBeUndefined();
    expect(() => settingsOf({ plans: { default: 'gold', plans: catalogue.plans } })).toThrow(/default "gold" is not a plan/);
    expect(() => settingsOf({ plans: { default: 'trial', plans: { trial: { members: 'many' } } } })).toThrow(/PLANS/);
  });
});
