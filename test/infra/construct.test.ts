import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Aspects, CfnOutput, CfnResource, Stack, Stage } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { OrgInvitations, type OrgInvitationsProps } from '../../infra/org-invitations.ts';
import { baseContext, synth } from './synth.ts';

const SYNTH_TIMEOUT = 240_000;
type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;
const resources = (stack: Stack) => Template.fromStack(stack).toJSON().Resources as Resources;
const idsOf = (stack: Stack, type: string) =>
  Object.entries(resources(stack))
    .filter(([, r]) => r.Type === type)
    .map(([id]) => id)
    .sort();

/** A team's own CDK app: its own stack beside the construct, bundling skipped as in the other infra tests. */
function teamApp(props: Partial<OrgInvitationsProps> = {}) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, outdir: mkdtempSync(join(tmpdir(), 'cdk-team-')) });
  const invitations = new OrgInvitations(app, 'Invitations', {
    stage: 'test',
    senderEmail: 'invitations@example.org',
    acceptUrlBase: 'https://app.example.org/accept',
    allowPlaceholders: true,
    ...props,
  });
  return { app, invitations };
}

let project: ReturnType<typeof synth>;
let team: ReturnType<typeof teamApp>;

/** Each of the construct's four areas beside the project's stack of the same area. */
const sameAreas = (invitations: OrgInvitations): [Stack, Stack][] => [
  [invitations.data, project.stacks.data],
  [invitations.web, project.stacks.web],
  [invitations.api, project.stacks.api],
  [invitations.webContent, project.stacks.webContent],
];

beforeAll(() => {
  project = synth();
  team = teamApp();
}, SYNTH_TIMEOUT);

describe('the whole service as one construct (infra/org-invitations.ts)', () => {
  it("is what the project's app deploys: its four stacks are the construct's children", () => {
    expect(project.service).toBeInstanceOf(OrgInvitations);
    for (const stack of [project.stacks.data, project.stacks.web, project.stacks.api, project.stacks.webContent]) {
      expect(stack.node.scope, stack.stackName).toBe(project.service);
    }
    expect(project.app.node.findAll().filter((c) => Stack.isStack(c) && !c.nested)).toHaveLength(4);
  });

  it("in a team's app, creates the same four stacks with the same names and the same resources as the project's app", () => {
    const { invitations } = team;
    for (const [theirs, ours] of sameAreas(invitations)) {
      expect(theirs.stackName).toBe(ours.stackName);
      // every resource's logical id and type, except the few whose id CDK derives from the construct's
      // path (stream mappings, the SNS and EventBridge invoke permissions; see the upgrades test): those carry the
      // team's construct id
      const typed = (s: Stack) =>
        Object.entries(resources(s))
          .filter(([id]) => !/EventSource|AllowInvoke|AllowEventRule/.test(id))
          .map(([id, r]) => `${id} ${r.Type}`)
          .sort();
      expect(typed(theirs), theirs.stackName).toEqual(typed(ours));
    }
  });

  it("keeps the table's and the link secret's logical ids whatever the construct is called (upgrades.test.ts has the values)", () => {
    for (const type of ['AWS::DynamoDB::Table', 'AWS::SecretsManager::Secret', 'AWS::Cognito::UserPool']) {
      expect(idsOf(team.invitations.data, type), type).toEqual(idsOf(project.stacks.data, type));
      expect(idsOf(team.invitations.data, type), type).toHaveLength(1);
    }
  });

  it("exposes what a team's own stacks use: table, event bus, alarm topic, API and app URLs", () => {
    // a fresh app: the shared one is synthesized already and takes no more stacks
    const { app, invitations } = teamApp();
    expect(Stack.of(invitations.table)).toBe(invitations.data);
    expect(Stack.of(invitations.eventBus)).toBe(invitations.data);
    expect(Stack.of(invitations.alarmTopic)).toBe(invitations.api.monitoringStack);
    expect(invitations.api.monitoringStack.nestedStackParent).toBe(invitations.api);
    // a team's stack referencing them gets CloudFormation exports and imports
    const theirs = new Stack(app, 'TheirStack');
    new CfnResource(theirs, 'Marker', { type: 'AWS::CloudFormation::WaitConditionHandle' });
    new CfnOutput(theirs, 'InvitationsApi', { value: invitations.apiUrl });
    new CfnOutput(theirs, 'InvitationsTable', { value: invitations.table.tableName });
    const outputs = Template.fromStack(theirs).toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(JSON.stringify(outputs.InvitationsApi?.Value)).toContain('Fn::ImportValue');
    expect(JSON.stringify(outputs.InvitationsTable?.Value)).toContain('Fn::ImportValue');
  });

  it('its props go through the same checks and defaults as the context keys', () => {
    expect(() => teamApp({ allowPlaceholders: false })).toThrow(/senderEmail=invitations@example\.org.*allowPlaceholders/);
    expect(() => teamApp({ stage: 'Prod!' })).toThrow(/context stage/);
    expect(() => teamApp({ dispatcherConcurrency: 0 })).toThrow(/dispatcherConcurrency/);
    const sandbox = teamApp({ sandbox: true, oidc: { issuer: 'https://login.acme.io/', audience: ['api', 'web'] }, corsOrigins: ['https://admin.acme.io'] });
    expect(sandbox.invitations.settings).toMatchObject({
      sandbox: true,
      sesMaxSendRate: 1,
      dispatcherConcurrency: 'unreserved',
      selfSignUp: true,
      oidc: { issuer: 'https://login.acme.io/', audience: ['api', 'web'] },
      corsOrigins: ['https://admin.acme.io'],
    });
    expect(teamApp({ stackNamePrefix: 'Acme-Invitations' }).invitations.api.stackName).toBe('Acme-Invitations-Api');
  });

  it('goes in an App or a Stage as stacks of its own', () => {
    const app = new App({ context: { ...baseContext } });
    const inStage = new OrgInvitations(new Stage(app, 'Prod'), 'Invitations', { stage: 'prod', senderEmail: 'invitations@acme.io' });
    expect(inStage.parentStack).toBeUndefined();
    expect(inStage.api.stackName).toBe('OrgInvitations-prod-Api');
    expect(inStage.api.nested).toBe(false);
  });

  it(
    "in a team's stack (`new OrgInvitations(this, ...)`), its areas are nested stacks with the same resources, and the team's stack can use them",
    () => {
      const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, outdir: mkdtempSync(join(tmpdir(), 'cdk-nested-')) });
      const theirs = new Stack(app, 'Theirs');
      const invitations = new OrgInvitations(theirs, 'Invitations', {
        stage: 'test',
        senderEmail: 'invitations@example.org',
        acceptUrlBase: 'https://app.example.org/accept',
        allowPlaceholders: true,
      });
      new CfnOutput(theirs, 'InvitationsApi', { value: invitations.apiUrl });
      // a team running cdk-nag on its stack sees the service's suppressions hold in the nested areas too
      // (the Serverless pack on the service's own areas, as infra/app.ts runs it: the web areas' only
      // functions are CDK's BucketDeployment and auto-delete handlers)
      Aspects.of(theirs).add(new AwsSolutionsChecks());
      for (const area of [invitations.data, invitations.api]) Aspects.of(area).add(new ServerlessChecks());
      expect(invitations.parentStack).toBe(theirs);
      const assembly = app.synth();
      expect(assembly.stacks.map((a) => a.stackName)).toEqual(['Theirs']);
      // nested stacks' annotations are the parent's artifact's messages
      const findings = assembly
        .getStackArtifact(theirs.artifactId)
        .messages.filter((m) => /^(AwsSolutions|Serverless)-/.test(String(m.entry.data)) && m.level !== 'info');
      expect(findings.map((m) => `${m.id} ${String(m.entry.data).split(':')[0]}`)).toEqual([]);
      expect(idsOf(theirs, 'AWS::CloudFormation::Stack')).toHaveLength(4);

      for (const [area, ours] of sameAreas(invitations)) {
        expect(area.nested, area.node.id).toBe(true);
        expect(area.nestedStackParent).toBe(theirs);
        // the same resources as the project's stacks (path-derived ids aside), so the same room to grow
        const typed = (s: Stack) =>
          Object.entries(resources(s))
            .filter(([id]) => !/EventSource|AllowInvoke|AllowEventRule/.test(id))
            .map(([id, r]) => `${id} ${r.Type}`)
            .sort();
        expect(typed(area), area.node.id).toEqual(typed(ours));
        expect(Object.keys(resources(area)).length, area.node.id).toBeLessThan(400);
      }
      for (const type of ['AWS::DynamoDB::Table', 'AWS::SecretsManager::Secret'])
        expect(idsOf(invitations.data, type)).toEqual(idsOf(project.stacks.data, type));
      // the team's output reads the Api area's output through the nested stack
      const outputs = Template.fromStack(theirs).toJSON().Outputs as Record<string, { Value: unknown }>;
      expect(JSON.stringify(outputs.InvitationsApi?.Value)).toMatch(/"Fn::GetAtt":\["Invitations[^"]*Api[^"]*NestedStackResource[^"]*","Outputs\./);
    },
    SYNTH_TIMEOUT,
  );
});
