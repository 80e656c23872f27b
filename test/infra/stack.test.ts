import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { HTTP_TIMEOUT_SECONDS, routeSpecs, routes, scopes } from '../../functions/http/routes.ts';
import { keySchema, tableDefinition } from '../../shared/db/table.ts';
import { PUBLIC_ROUTE_KEYS, resourcesOf, SYNTH_TIMEOUT, synth, synthOnce, variables } from './synth.ts';

let s: ReturnType<typeof synth>;
let api: Template;
const fnId = (routeId: string) => s.stacks.api.getLogicalId(s.stacks.api.routeFunctions[routeId]?.node.defaultChild as CfnFunction);

// One synthesis for the whole file (cdk-nag included): loading aws-cdk-lib and synthesizing 30+
// functions is the slow part, each assertion below is cheap.
synthOnce(
  (r) => {
    s = r;
    api = r.api;
  },
  {},
  { nag: true },
);

describe('the HTTP API is built from the route table', () => {
  it('has exactly the route keys of functions/http/routes.ts', () => {
    const keys = Object.values(resourcesOf(api, 'AWS::ApiGatewayV2::Route')).map((r) => r.Properties?.RouteKey);
    expect(keys.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('puts the JWT authorizer on every route except health, the two link previews, the one-click leave link and the API description of itself', () => {
    const byKey = Object.fromEntries(Object.values(resourcesOf(api, 'AWS::ApiGatewayV2::Route')).map((r) => [r.Properties?.RouteKey, r.Properties]));
    for (const route of routes) {
      const props = byKey[`${route.method} ${route.path}`];
      if (route.auth) {
        expect(props?.AuthorizationType, route.id).toBe('JWT');
        expect(props?.AuthorizerId, route.id).toBeDefined();
      } else {
        expect(props?.AuthorizationType ?? 'NONE', route.id).toBe('NONE');
      }
    }
    const publicRoutes = routes
      .filter((r) => !r.auth)
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(publicRoutes).toEqual(PUBLIC_ROUTE_KEYS);
  });

  it('routes each key to its own function, built from the route entry', () => {
    const integrations = resourcesOf(api, 'AWS::ApiGatewayV2::Integration');
    for (const route of routes) {
      const r = Object.values(resourcesOf(api, 'AWS::ApiGatewayV2::Route')).find((x) => x.Properties?.RouteKey === `${route.method} ${route.path}`);
      const integration = Object.entries(integrations).find(([id]) => JSON.stringify(r?.Properties?.Target).includes(`"${id}"`))?.[1];
      expect(JSON.stringify(integration?.Properties?.IntegrationUri), route.id).toContain(fnId(route.id));
      expect(integration?.Properties?.PayloadFormatVersion).toBe('2.0');
    }
    expect(new Set(routes.map((r) => fnId(r.id))).size).toBe(routes.length);
  });

  it('runs every function on Node.js 22, arm64, with bounded memory and timeout and its own log group with a retention', () => {
    const functions = resourcesOf(api, 'AWS::Lambda::Function');
    const logGroups = resourcesOf(api, 'AWS::Logs::LogGroup');
    expect(Object.keys(functions).length).toBe(routes.length + 4);
    for (const [id, f] of Object.entries(functions)) {
      expect(f.Properties?.Runtime, id).toBe('nodejs22.x');
      expect(f.Properties?.Architectures, id).toEqual(['arm64']);
      expect(f.Properties?.MemorySize, id).toBe(512);
      expect(f.Properties?.Timeout, id).toBeLessThanOrEqual(60);
      const group = (f.Properties?.LoggingConfig as { LogGroup: { Ref: string } } | undefined)?.LogGroup.Ref ?? '';
      expect(logGroups[group]?.Properties?.RetentionInDays, id).toBe(90);
    }
    for (const route of routes) {
      expect(functions[fnId(route.id)]?.Properties?.Timeout, route.id).toBe(HTTP_TIMEOUT_SECONDS);
    }
  });

  it("never puts the link secret itself in a function's environment, only the ARN to read it at cold start, and only where it is used", () => {
    for (const [id, f] of Object.entries(resourcesOf(api, 'AWS::Lambda::Function'))) {
      const env = variables(f.Properties);
      expect(env.LINK_SECRET, id).toBeUndefined();
      // the bundles ship external source maps; this makes stack traces point at the TypeScript
      expect(env.NODE_OPTIONS, id).toBe('--enable-source-maps');
    }
    const functions = resourcesOf(api, 'AWS::Lambda::Function');
    for (const route of routeSpecs) {
      const env = variables(functions[fnId(route.id)]?.Properties);
      expect(env.LINK_SECRET_ARN !== undefined, route.id).toBe(route.access.linkSecret === true);
    }
    for (const [worker, secret] of [
      ['Dispatcher', true],
      ['Reminder', false],
      ['DeliveryEvents', false],
    ] as const) {
      const [, f] = Object.entries(functions).find(([id]) => id.startsWith(worker)) ?? [];
      expect(f, worker).toBeDefined();
      expect(variables(f?.Properties).LINK_SECRET_ARN !== undefined, worker).toBe(secret);
    }
    expect(JSON.stringify(api.toJSON())).not.toContain('resolve:secretsmanager');
  });

  it('logs every request (access log) and throttles the stage', () => {
    api.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
    });
  });

  it('lets only the web app that hosts the accept page call it from a browser (CORS)', () => {
    api.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({
        AllowOrigins: ['https://app.example.org'],
        AllowHeaders: ['authorization', 'content-type', 'idempotency-key'],
        ExposeHeaders: ['retry-after', 'x-request-id', 'idempotent-replayed', 'ratelimit', 'ratelimit-policy'],
      }),
    });
  });

  it("uses the stack's Cognito user pool and app client as issuer and audience by default", () => {
    const authorizer = Object.values(resourcesOf(api, 'AWS::ApiGatewayV2::Authorizer'));
    expect(authorizer).toHaveLength(1);
    expect(authorizer[0]?.Properties?.AuthorizerType).toBe('JWT');
    expect(JSON.stringify(authorizer[0]?.Properties?.JwtConfiguration)).toMatch(/cognito-idp/);
    s.data.resourceCountIs('AWS::Cognito::UserPool', 1);
    s.data.hasResourceProperties('AWS::Cognito::UserPool', { UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'] });
  });

  it("declares the API as a Cognito resource server with the route table's scopes, and a backend client with only the client-credentials flow among the authorizer's audiences (docs/adr/service-principals.md)", () => {
    api.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'org-invitations',
      Scopes: scopes.map((scope) => Match.objectLike({ ScopeName: scope })),
    });
    const clients = resourcesOf(api, 'AWS::Cognito::UserPoolClient');
    const [backendId, backend] = Object.entries(clients).find(([id]) => id.startsWith('BackendClient')) ?? [];
    expect(backend?.Properties).toMatchObject({
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthFlowsUserPoolClient: true,
    });
    // each scope as `<resource server identifier>/<scope>` (CDK joins the server's reference in)
    const granted = (backend?.Properties?.AllowedOAuthScopes ?? []) as unknown[];
    expect(granted).toHaveLength(scopes.length);
    for (const [i, scope] of scopes.entries()) expect(JSON.stringify(granted[i])).toContain(`/${scope}`);
    // no user flows: the client never signs a person in
    expect(backend?.Properties?.ExplicitAuthFlows ?? []).toEqual([]);
    const audiences = JSON.stringify(Object.values(resourcesOf(api, 'AWS::ApiGatewayV2::Authorizer'))[0]?.Properties?.JwtConfiguration);
    expect(audiences).toContain(backendId);
    expect(Object.keys(api.findOutputs('*'))).toContain('BackendClientId');
  });

  it('outputs the API URL, user pool and client ids and the table name', () => {
    const outputs = Object.keys(api.findOutputs('*'));
    for (const name of ['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'TableName']) expect(outputs).toContain(name);
  });
});

describe('with an external OIDC provider', () => {
  it(
    'validates tokens of that issuer and audience and creates no Cognito user pool',
    () => {
      const oidc = synth({ oidcIssuer: 'https://login.example.org/', oidcAudience: 'https://api.example.org,spa-client' });
      oidc.api.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        AuthorizerType: 'JWT',
        JwtConfiguration: { Issuer: 'https://login.example.org/', Audience: ['https://api.example.org', 'spa-client'] },
        IdentitySource: ['$request.header.Authorization'],
      });
      oidc.data.resourceCountIs('AWS::Cognito::UserPool', 0);
      oidc.api.resourceCountIs('AWS::Cognito::UserPoolResourceServer', 0);
      expect(Object.keys(oidc.api.findOutputs('*'))).not.toContain('UserPoolId');
    },
    SYNTH_TIMEOUT,
  );
});

const envOf = (fn: { node: { defaultChild: unknown } }) =>
  variables(resourcesOf(api, 'AWS::Lambda::Function')[s.stacks.api.getLogicalId(fn.node.defaultChild as CfnFunction)]?.Properties);

describe('the table', () => {
  it('is defined by shared/db/table.ts: keys, GSI1, TTL attribute and stream', () => {
    s.data.hasResourceProperties('AWS::DynamoDB::Table', {
      ...keySchema(),
      TimeToLiveSpecification: { AttributeName: tableDefinition.ttlAttribute, Enabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });

  it('is on-demand with point-in-time recovery', () => {
    s.data.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('in a production stage, is protected from deletion and retained with the link secret and user pool', () => {
    s.data.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    s.data.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain' });
    s.data.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }) });
  });

  it(
    'in a sandbox stage, may be destroyed with the stack',
    () => {
      const sandbox = synth({ stage: 'sandbox', sandbox: 'true' });
      sandbox.data.hasResource('AWS::DynamoDB::Table', {
        Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
        DeletionPolicy: 'Delete',
      });
      sandbox.data.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Delete' });
    },
    SYNTH_TIMEOUT,
  );
});

describe('stream consumers', () => {
  const mappingOf = (fn: { node: { defaultChild: unknown } }) => {
    const id = s.stacks.api.getLogicalId(fn.node.defaultChild as CfnFunction);
    const found = Object.values(resourcesOf(api, 'AWS::Lambda::EventSourceMapping')).filter((m) => JSON.stringify(m.Properties?.FunctionName).includes(id));
    expect(found).toHaveLength(1);
    return found[0]?.Properties as Record<string, unknown>;
  };

  it('the dispatcher reads the stream in small batches, bisects and reports failed records, and gives up into a DLQ', () => {
    const m = mappingOf(s.stacks.api.workers.dispatcher);
    expect(m).toMatchObject({
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 25,
      MaximumBatchingWindowInSeconds: 1,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      MaximumRecordAgeInSeconds: 3600,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(JSON.stringify(m.DestinationConfig)).toMatch(/DispatcherFailures/);
    expect(JSON.stringify(m.EventSourceArn)).toMatch(/StreamArn/);
    expect(m.FilterCriteria).toBeUndefined();
  });

  it('the event publisher is invoked only for new audit events and delivery status changes', () => {
    const m = mappingOf(s.stacks.api.workers.eventPublisher);
    expect(m).toMatchObject({ FunctionResponseTypes: ['ReportBatchItemFailures'], BisectBatchOnFunctionError: true });
    expect(JSON.stringify(m.DestinationConfig)).toMatch(/PublisherFailures/);
    const patterns = (m.FilterCriteria as { Filters: { Pattern: string }[] }).Filters.map((f) => JSON.parse(f.Pattern));
    expect(patterns).toEqual([
      { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['audit'] } } } },
      {
        eventName: ['MODIFY'],
        dynamodb: { NewImage: { entity: { S: ['invitation'] }, delivery: { M: { status: { S: ['sent', 'failed', 'bounced', 'complained'] } } } } },
      },
    ]);
    const env = envOf(s.stacks.api.workers.eventPublisher);
    expect(JSON.stringify(env.EVENT_BUS_NAME)).toMatch(/IntegrationEvents/);
  });
});

describe('SES and Scheduler wiring', () => {
  it('sends, bounces, complaints and deliveries of the configuration set reach the delivery-events function through SNS', () => {
    api.hasResourceProperties('AWS::SES::ConfigurationSet', { Name: 'org-invitations-test-emails' });
    const destination = Object.values(resourcesOf(api, 'AWS::SES::ConfigurationSetEventDestination'))[0]?.Properties?.EventDestination as Record<
      string,
      unknown
    >;
    // send: SES accepted an email, which confirms its send claim if the dispatcher died before marking it
    expect((destination.MatchingEventTypes as string[]).sort()).toEqual(['bounce', 'complaint', 'delivery', 'send']);
    expect(JSON.stringify(destination.SnsDestination)).toMatch(/SesEvents/);
    const deliveryEventsId = s.stacks.api.getLogicalId(s.stacks.api.workers.deliveryEvents.node.defaultChild as CfnFunction);
    api.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      Endpoint: { 'Fn::GetAtt': [deliveryEventsId, 'Arn'] },
      TopicArn: { Ref: Match.stringLikeRegexp('SesEvents') },
    });
    api.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  });

  it('SES may publish to the encrypted topic only for this configuration set, and use its key only for this account', () => {
    const policy = JSON.stringify(Object.values(resourcesOf(api, 'AWS::SNS::TopicPolicy'))[0]?.Properties?.PolicyDocument);
    expect(policy).toMatch(/"Principal":\{"Service":"ses.amazonaws.com"\}/);
    expect(policy).toMatch(/"AWS:SourceArn":\{"Fn::Join":\["",\[.*configuration-set\/",\{"Ref":"Emails/);
    api.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'ses.amazonaws.com' },
            Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ]),
      },
    });
  });

  it('the sender identity and the accept URL come from context', () => {
    s.data.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'invitations@example.org' });
    const env = envOf(s.stacks.api.workers.dispatcher);
    expect(env).toMatchObject({ SENDER_EMAIL: 'invitations@example.org', ACCEPT_URL_BASE: 'https://app.example.org/accept' });
  });

  it('the dispatcher knows the schedule group, the reminder target, the scheduler role and the DLQ', () => {
    api.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'org-invitations-test-reminders' });
    const env = envOf(s.stacks.api.workers.dispatcher);
    expect(Object.keys(env)).toEqual(
      expect.arrayContaining(['SCHEDULE_GROUP', 'REMINDER_TARGET_ARN', 'SCHEDULER_ROLE_ARN', 'SCHEDULER_DLQ_ARN', 'TABLE_NAME', 'LINK_SECRET_ARN']),
    );
    expect(JSON.stringify(env.REMINDER_TARGET_ARN)).toMatch(/Reminder/);
    expect(JSON.stringify(env.SCHEDULER_DLQ_ARN)).toMatch(/ReminderFailures/);
  });
});

describe('logs and tracing', () => {
  it("every function logs in Lambda's JSON format, keeps platform lines from WARN up, and is not traced unless asked", () => {
    for (const [id, f] of Object.entries(resourcesOf(api, 'AWS::Lambda::Function'))) {
      expect(f.Properties?.LoggingConfig, id).toMatchObject({ LogFormat: 'JSON', SystemLogLevel: 'WARN', ApplicationLogLevel: 'INFO' });
      expect(f.Properties?.TracingConfig, id).toBeUndefined();
    }
  });

  it(
    'context tracing=true turns on X-Ray active tracing on every function',
    () => {
      const traced = synth({ tracing: 'true' });
      for (const [id, f] of Object.entries(resourcesOf(traced.api, 'AWS::Lambda::Function'))) {
        expect(f.Properties?.TracingConfig, id).toEqual({ Mode: 'Active' });
      }
    },
    SYNTH_TIMEOUT,
  );
});

describe('cdk-nag AwsSolutions and Serverless', () => {
  it(
    "reports no unsuppressed error or warning on any stack (AwsSolutions) nor on the service's stacks (Serverless)",
    () => {
      for (const stack of [s.stacks.data, s.stacks.api, s.stacks.web, s.stacks.webContent]) {
        const findings = [
          ...Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('(AwsSolutions|Serverless)-.*')),
          ...Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('(AwsSolutions|Serverless)-.*')),
        ].map((f) => `${f.id}: ${String(f.entry.data).split(':')[0]}`);
        expect(findings, stack.stackName).toEqual([]);
      }
    },
    SYNTH_TIMEOUT,
  );

  it('every suppression carries a written reason', () => {
    let count = 0;
    for (const template of [s.data, s.api, s.web, s.webContent]) {
      type Suppressed = { Metadata?: { cdk_nag?: { rules_to_suppress: { id: string; reason: string }[] } } };
      const json = template.toJSON() as Suppressed & { Resources: Record<string, Suppressed> };
      // stack-level suppressions (the web content stack's, for CDK's BucketDeployment) sit in the template's Metadata
      for (const resource of [json, ...Object.values(json.Resources)]) {
        for (const rule of resource.Metadata?.cdk_nag?.rules_to_suppress ?? []) {
          count += 1;
          expect(rule.reason.length, rule.id).toBeGreaterThan(40);
        }
      }
    }
    expect(count).toBeGreaterThan(0);
  });

  it("both packs ran: the Serverless pack's findings are among those suppressed with a reason", () => {
    const ids = [s.data, s.api].flatMap((t) =>
      Object.values(t.toJSON().Resources as Record<string, { Metadata?: { cdk_nag?: { rules_to_suppress: { id: string }[] } } }>).flatMap((r) =>
        (r.Metadata?.cdk_nag?.rules_to_suppress ?? []).map((x) => x.id),
      ),
    );
    expect(ids.some((id) => id.startsWith('Serverless-'))).toBe(true);
    expect(ids.some((id) => id.startsWith('AwsSolutions-'))).toBe(true);
  });
});
