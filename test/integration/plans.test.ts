import { describe, expect, it } from 'vitest';
import { main as setPlanCli } from '../../scripts/set-plan.ts';
import { direct } from '../helpers/direct.ts';
import { useStack } from '../helpers/stack.ts';

/** A deployment whose operator configured its own catalogue (CDK context `plans` -> PLANS). */
const api = useStack({
  plans: {
    default: 'trial',
    plans: {
      trial: { pendingInvitations: 2, members: 3, directAdd: false },
      business: { pendingInvitations: 20, members: 50, directAdd: false },
    },
  },
});
const db = direct(api);

const runSetPlan = async (args: string[]) => {
  const { config } = api.stack.runtime;
  const lines: string[] = [];
  const code = await setPlanCli(args, {
    env: { TABLE_NAME: config.TABLE_NAME, AWS_REGION: config.AWS_REGION, DYNAMODB_ENDPOINT: config.DYNAMODB_ENDPOINT, PLANS: config.PLANS },
    out: (l) => lines.push(l),
  });
  return { code, out: lines.join('') };
};

describe("plans are the operator's, not the customer's (issue 17)", () => {
  it('a signed-in user cannot choose a plan when creating an org: 400, and no org is written', async () => {
    const mallory = await api.user('Mallory');

    for (const plan of ['enterprise', 'business', 'trial']) {
      const r = await api.as(mallory).post('/orgs', { name: 'Unlimited', plan });
      expect(r.status).toBe(400);
      expect(r.headers.get('content-type')).toBe('application/problem+json');
      expect(r.body.code).toBe('validation_failed');
    }
    expect((await api.as(mallory).get('/me/organizations')).body.items).toEqual([]);
  });

  it('nor change it afterwards through the API', async () => {
    const mallory = await api.user('Mallory');
    const org = await api.createOrg(mallory);

    const r = await api.as(mallory).patch(`/orgs/${org.orgId}`, { plan: 'business' });

    expect(r.status).toBe(400);
    expect((await api.as(mallory).get(`/orgs/${org.orgId}`)).body.org.plan).toBe('trial');
  });

  it('an org created through the API gets the configured default plan, and its limits are the configured ones', async () => {
    const ada = await api.user('Ada');
    const org = await api.createOrg(ada);
    expect(org.plan).toBe('trial');

    const r = await api.invite(ada, org.orgId, { emails: ['a@example.com', 'b@example.com', 'c@example.com'], sendEmail: false });

    expect(r.body.results.map((x: { status: string }) => x.status)).toEqual(['invited', 'invited', 'pending_limit_reached']);
  });

  it('the operator changes a plan with scripts/set-plan.ts; the limits follow and the audit trail says who', async () => {
    const ada = await api.user('Ada');
    const org = await api.createOrg(ada);

    const run = await runSetPlan([org.orgId, 'business', '--by', 'ops@operator.example']);

    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toEqual({ orgId: org.orgId, from: 'trial', to: 'business', changed: true });
    expect((await api.as(ada).get(`/orgs/${org.orgId}`)).body.org.plan).toBe('business');
    const r = await api.invite(ada, org.orgId, { emails: ['a@example.com', 'b@example.com', 'c@example.com'], sendEmail: false });
    expect(r.body.results.map((x: { status: string }) => x.status)).toEqual(['invited', 'invited', 'invited']);
    const events = (await api.as(ada).get(`/orgs/${org.orgId}/audit?type=org.plan_changed`)).body.items;
    expect(events).toEqual([
      expect.objectContaining({
        type: 'org.plan_changed',
        actor: { system: true },
        details: { from: 'trial', to: 'business', by: 'ops@operator.example' },
      }),
    ]);
  });

  it('the script refuses a plan the deployment does not configure, and an unknown org, changing nothing', async () => {
    const ada = await api.user('Ada');
    const org = await api.createOrg(ada);
    const before = await db.item(`ORG#${org.orgId}`, 'ORG');

    const unknownPlan = await runSetPlan([org.orgId, 'enterprise']);
    const unknownOrg = await runSetPlan(['org_nope', 'business']);
    const usage = await runSetPlan([org.orgId]);

    expect(unknownPlan.code).toBe(64);
    expect(JSON.parse(unknownPlan.out)).toMatchObject({ error: 'validation_failed' });
    expect(unknownOrg.code).toBe(1);
    expect(JSON.parse(unknownOrg.out)).toMatchObject({ error: 'org_not_found' });
    expect(usage.code).toBe(64);
    expect(await db.item(`ORG#${org.orgId}`, 'ORG')).toEqual(before);
    expect((await api.as(ada).get(`/orgs/${org.orgId}/audit?type=org.plan_changed`)).body.items).toEqual([]);
  });
});
