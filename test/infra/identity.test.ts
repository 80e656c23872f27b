import { App } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { readSettings } from '../../infra/settings.ts';
import { baseContext, synth } from './synth.ts';

const SYNTH_TIMEOUT = 240_000;
const settingsOf = (context: Record<string, unknown>) => readSettings(new App({ context: { ...baseContext, ...context } }).node);

describe('who may get an account (issue 17: identity)', () => {
  it('open sign-up is off unless the stage is a sandbox, and a production stage opens it only by saying so', () => {
    expect(settingsOf({ stage: 'prod' }).selfSignUp).toBe(false);
    expect(settingsOf({ stage: 'dev' }).selfSignUp).toBe(false);
    expect(settingsOf({ stage: 'trial', sandbox: 'true' }).selfSignUp).toBe(true);
    expect(settingsOf({ stage: 'trial', sandbox: 'true', selfSignUp: 'false' }).selfSignUp).toBe(false);
    expect(settingsOf({ stage: 'prod', selfSignUp: 'true' }).selfSignUp).toBe(true);
    expect(() => settingsOf({ selfSignUp: 'yes' })).toThrow(/selfSignUp/);
  });

  it('a production user pool lets only the operator create users, and an email change takes effect only once verified', () => {
    const prod = synth({ stage: 'prod' });
    prod.data.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
      AutoVerifiedAttributes: ['email'],
      // keepOriginal: the old, verified address stays in the token until the new one is verified
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
    });
  }, SYNTH_TIMEOUT);

  it('a sandbox user pool lets anyone sign up (a trial), still verifying emails before they count', () => {
    const sandbox = synth({ stage: 'trial', sandbox: 'true' });
    sandbox.data.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: false }),
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
    });
  }, SYNTH_TIMEOUT);
});
