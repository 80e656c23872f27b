import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Aspects } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { beforeAll } from 'vitest';
import { buildApp } from '../../infra/build-app.ts';

/** A synthesis takes ~10 s on an idle machine, several times that on a busy one. */
export const SYNTH_TIMEOUT = 240_000;

/** A function resource's environment variables. */
export const variables = (props: Record<string, unknown> | undefined) =>
  (props?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};

/** The routes anyone may call without a token (the route table's auth: false), as API Gateway route keys. */
export const PUBLIC_ROUTE_KEYS = [
  'GET /docs',
  'GET /health',
  'GET /invitations/preview',
  'GET /join-links/preview',
  'GET /openapi.json',
  'POST /memberships/leave',
];

export const baseContext = {
  stage: 'test',
  sandbox: 'false',
  senderEmail: 'invitations@example.org',
  acceptUrlBase: 'https://app.example.org/accept',
  // the tests' own placeholders, on purpose (settings.ts refuses them otherwise)
  allowPlaceholders: 'true',
  // Bundling 30+ functions takes minutes; the templates do not depend on the bundles
  // (bundle.test.ts bundles every entry with the same esbuild settings instead).
  'aws:cdk:bundling-stacks': [],
};

/** Synthesizes the whole app once (call it in beforeAll) and returns both templates. */
export function synth(context: Record<string, unknown> = {}, opts: { nag?: boolean } = {}) {
  const app = new App({ context: { ...baseContext, ...context }, outdir: mkdtempSync(join(tmpdir(), 'cdk-test-')) });
  const built = buildApp(app);
  if (opts.nag) {
    Aspects.of(app).add(new AwsSolutionsChecks());
    // the Serverless pack on the service's own stacks (the web hosting stacks hold no functions of ours)
    for (const stack of [built.data, built.api]) Aspects.of(stack).add(new ServerlessChecks());
  }
  return {
    ...built,
    app,
    data: Template.fromStack(built.data),
    api: Template.fromStack(built.api),
    /** The alarms, their topic and the dashboard: a nested stack of the Api stack. */
    monitoring: Template.fromStack(built.api.monitoringStack),
    web: Template.fromStack(built.web),
    webContent: Template.fromStack(built.webContent),
    stacks: built,
  };
}

type Resource = { Type: string; Properties?: Record<string, unknown> };
export const resourcesOf = (t: Template, type: string) => t.findResources(type) as Record<string, Resource>;

/** Every IAM statement of a role's policies, flattened to { actions, resources }. */
export function statementsOfRole(t: Template, roleLogicalId: string) {
  const out: { Effect: string; Action: string[]; Resource: unknown[]; Condition?: unknown }[] = [];
  for (const policy of Object.values(resourcesOf(t, 'AWS::IAM::Policy'))) {
    const roles = (policy.Properties?.Roles ?? []) as { Ref?: string }[];
    if (!roles.some((r) => r.Ref === roleLogicalId)) continue;
    const doc = policy.Properties?.PolicyDocument as { Statement: Record<string, unknown>[] };
    for (const s of doc.Statement) {
      const arr = (v: unknown) => (Array.isArray(v) ? v : [v]);
      out.push({
        Effect: s.Effect as string,
        Action: arr(s.Action) as string[],
        Resource: arr(s.Resource),
        ...(s.Condition ? { Condition: s.Condition } : {}),
      });
    }
  }
  return out;
}

/** The logical id of the execution role of a function, by the function's logical id. */
export function roleOfFunction(t: Template, fnLogicalId: string): string {
  const fn = resourcesOf(t, 'AWS::Lambda::Function')[fnLogicalId];
  const role = fn?.Properties?.Role as { 'Fn::GetAtt': [string, string] };
  return role['Fn::GetAtt'][0];
}

/** Synthesizes once for a whole test file, in its beforeAll, and hands the result to `use`. */
export function synthOnce(use: (s: ReturnType<typeof synth>) => void, context: Record<string, unknown> = {}, opts: { nag?: boolean } = {}) {
  beforeAll(() => use(synth(context, opts)), SYNTH_TIMEOUT);
}
