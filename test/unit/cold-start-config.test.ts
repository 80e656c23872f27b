import type { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it, vi } from 'vitest';
import { DynamoAutoJoinStore } from '../../shared/adapters/dynamodb/auto-join-store.ts';
import { DynamoInvitationStore } from '../../shared/adapters/dynamodb/invitation-store.ts';
import { DynamoMemberStore } from '../../shared/adapters/dynamodb/member-store.ts';
import { DynamoTeamStore } from '../../shared/adapters/dynamodb/team-store.ts';
import { readSecret } from '../../shared/adapters/secrets/cold-start.ts';
import { linkSecret, loadConfig, loadSecrets } from '../../shared/config.ts';
import { emfMetrics } from '../../shared/metrics.ts';

describe('link secret from Secrets Manager', () => {
  it('asks Secrets Manager for exactly the secret the function was given', async () => {
    // Prepare
    const sent: unknown[] = [];
    const client = {
      send: async (c: GetSecretValueCommand) => {
        sent.push(c.input);
        return { SecretString: 's'.repeat(64) };
      },
    };
    // Act
    const value = await readSecret(client as never, 'arn:aws:secretsmanager:eu-west-1:1:secret:link');
    // Assess
    expect(sent).toEqual([{ SecretId: 'arn:aws:secretsmanager:eu-west-1:1:secret:link' }]);
    expect(value).toBe('s'.repeat(64));
  });

  it('a secret without a string value fails the cold start instead of running without a key', async () => {
    const client = { send: async () => ({}) };
    await expect(readSecret(client as never, 'arn:x')).rejects.toThrow(/no string value/);
  });

  it('the fetched secret becomes LINK_SECRET of the configuration, so the value is never in the environment', async () => {
    vi.stubEnv('TABLE_NAME', 'invitations');
    vi.stubEnv('LINK_SECRET', undefined);
    vi.stubEnv('LINK_SECRET_ARN', 'arn:link');
    await loadSecrets(async (arn) => `${arn}-`.padEnd(40, 'k'));
    expect(loadConfig().LINK_SECRET).toBe('arn:link-'.padEnd(40, 'k'));
    vi.unstubAllEnvs();
  });

  it('an explicit LINK_SECRET (local stack, tests) wins and Secrets Manager is not called', async () => {
    let called = false;
    await loadSecrets(
      async () => {
        called = true;
        return '';
      },
      { LINK_SECRET: 'x'.repeat(32), LINK_SECRET_ARN: 'arn' },
    );
    expect(called).toBe(false);
  });
});

describe('a function deployed without the link secret', () => {
  it('starts: the configuration does not require the secret', () => {
    expect(loadConfig({ TABLE_NAME: 'invitations' }).LINK_SECRET).toBeUndefined();
  });

  it('fails loudly, naming the route table flag, if it ever reaches for the secret', () => {
    expect(() => linkSecret(loadConfig({ TABLE_NAME: 'invitations' }))).toThrow(/access\.linkSecret/);
    expect(linkSecret(loadConfig({ TABLE_NAME: 'invitations', LINK_SECRET: 'k'.repeat(32) }))).toBe('k'.repeat(32));
  });

  it('a store built without list cursors refuses to page, before any read, instead of returning an unsigned cursor', async () => {
    const table = {
      doc: {
        send: async () => {
          throw new Error('no read expected');
        },
      } as never,
      name: 't',
      retention: { invitationDays: 1, auditDays: 1 },
    };
    const page = { limit: 10 };
    const pagers: [string, () => Promise<unknown>][] = [
      ['teams.list', () => new DynamoTeamStore(table).list('org', page)],
      ['members.list', () => new DynamoMemberStore(table).list('org', {}, page)],
      ['invitations.list', () => new DynamoInvitationStore(table).list('org', {}, '2026-01-01T00:00:00.000Z', page)],
      ['invitations.listPendingToEmail', () => new DynamoInvitationStore(table).listPendingToEmail('a@example.com', 'u', '2026-01-01T00:00:00.000Z', page)],
      ['autoJoin.listForDomain', () => new DynamoAutoJoinStore(table).listForDomain('example.com', { userId: 'u', email: 'a@example.com' }, page)],
    ];
    for (const [name, pageThrough] of pagers) await expect(pageThrough(), name).rejects.toThrow(/without list cursors/);
  });
});

describe('metrics', () => {
  it('writes one CloudWatch Embedded Metric Format line per count', () => {
    const lines: string[] = [];
    emfMetrics(
      'dispatcher',
      (l) => lines.push(l),
      () => 1_700_000_000_000,
    ).count('InvitationsSent', 3);
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      {
        _aws: {
          Timestamp: 1_700_000_000_000,
          CloudWatchMetrics: [{ Namespace: 'OrgInvitations', Dimensions: [['service']], Metrics: [{ Name: 'InvitationsSent', Unit: 'Count' }] }],
        },
        service: 'dispatcher',
        InvitationsSent: 3,
      },
    ]);
  });
});
