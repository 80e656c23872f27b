import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { isPlaceholderHost, readSettings } from '../../infra/settings.ts';

const settings = (context: Record<string, unknown>) =>
  readSettings(new App({ context: { stage: 'prod', senderEmail: 'invitations@acme.io', acceptUrlBase: 'https://app.acme.io/accept', ...context } }).node);

describe('a deploy refuses placeholder values unless told they are meant', () => {
  it('an example.com sender or accept URL is refused, naming the value and the way out', () => {
    expect(() => settings({ senderEmail: 'invitations@example.com' })).toThrow(/senderEmail=invitations@example\.com.*allowPlaceholders=true/);
    expect(() => settings({ acceptUrlBase: 'https://app.example.com/accept' })).toThrow(/acceptUrlBase=https:\/\/app\.example\.com\/accept/);
  });

  it('every reserved documentation and test domain counts as a placeholder; real ones do not', () => {
    for (const host of ['example.com', 'app.EXAMPLE.org', 'mail.example.net', 'acme.example', 'acme.test', 'x.invalid', 'localhost', 'app.localhost']) {
      expect(isPlaceholderHost(host), host).toBe(true);
    }
    for (const host of ['acme.io', 'example.co', 'myexample.com', 'example.com.acme.io', 'testing.dev']) {
      expect(isPlaceholderHost(host), host).toBe(false);
    }
  });

  it('allowPlaceholders=true lets them through (npm run synth, the tests, a trial without a web app)', () => {
    expect(settings({ senderEmail: 'invitations@example.com', acceptUrlBase: 'https://app.example.com/accept', allowPlaceholders: 'true' })).toMatchObject({
      senderEmail: 'invitations@example.com',
      acceptUrlBase: 'https://app.example.com/accept',
    });
  });

  it("no sender is refused; no accept URL means the web stack's own accept page: cdk.json has no default for either", async () => {
    expect(() => readSettings(new App({ context: { acceptUrlBase: 'https://app.acme.io/accept' } }).node)).toThrow(/senderEmail/);
    expect(readSettings(new App({ context: { senderEmail: 'invitations@acme.io' } }).node).acceptUrlBase).toBeUndefined();
    const cdkJson = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync('cdk.json', 'utf8')));
    expect(cdkJson.context.senderEmail).toBeUndefined();
    expect(cdkJson.context.acceptUrlBase).toBeUndefined();
  });
});

describe('a sender domain', () => {
  it('is verified as a whole, with the sender at it; a hosted zone only goes with a domain', () => {
    expect(settings({ senderDomain: 'Acme.io', hostedZoneId: 'Z123' }).senderDomain).toEqual({ domain: 'acme.io', hostedZoneId: 'Z123' });
    expect(() => settings({ senderDomain: 'other.io' })).toThrow(/senderEmail must be an address at that domain/);
    expect(() => settings({ hostedZoneId: 'Z123' })).toThrow(/only with senderDomain/);
  });
});

describe('the SES send rate', () => {
  it("defaults to the SES sandbox's 1 a second in a sandbox stage and 14 in production; a given rate must be positive", () => {
    expect(settings({ sandbox: 'true' }).sesMaxSendRate).toBe(1);
    expect(settings({}).sesMaxSendRate).toBe(14);
    expect(settings({ sesMaxSendRate: '50' }).sesMaxSendRate).toBe(50);
    expect(() => settings({ sesMaxSendRate: '0' })).toThrow(/sesMaxSendRate/);
    expect(() => settings({ sesMaxSendRate: 'fast' })).toThrow(/sesMaxSendRate/);
  });
});

describe("the dispatcher's concurrency", () => {
  it('is reserved at 2 in production and not at all in a sandbox (a fresh account cannot reserve); a given one is a whole number or unreserved', () => {
    expect(settings({}).dispatcherConcurrency).toBe(2);
    expect(settings({ sandbox: 'true' }).dispatcherConcurrency).toBe('unreserved');
    expect(settings({ dispatcherConcurrency: '5' }).dispatcherConcurrency).toBe(5);
    expect(settings({ sandbox: 'true', dispatcherConcurrency: '1' }).dispatcherConcurrency).toBe(1);
    expect(settings({ dispatcherConcurrency: 'unreserved' }).dispatcherConcurrency).toBe('unreserved');
    for (const bad of ['0', '1.5', '-1', 'many', '101']) expect(() => settings({ dispatcherConcurrency: bad }), bad).toThrow(/dispatcherConcurrency/);
  });
});
