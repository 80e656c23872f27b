import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { HTTP_TIMEOUT_SECONDS, routeSpecs, routes } from '../../functions/http/routes.ts';
import { tableDefinition } from '../../shared/db/table.ts';
import { resourcesOf, roleOfFunction, statementsOfRole, synth } from './synth.ts';

/** A synthesis takes ~10 s on an idle machine, several times that on a busy one. */
const SYNTH_TIMEOUT = 240_000;
let s: ReturnType<typeof synth>;
let api: Template;
const fnId = (routeId: string) => s.stacks.api.getLogicalId(s.stacks.api.routeFunctions[routeId]?.node.defaultChild as CfnFunction);

// One synthesis for the whole file (cdk-nag included): loading aws-cdk-lib and synthesizing 30+
// functions is the slow part, each assertion below is cheap.
beforeAll(() => {
  s = synth({}, { nag: true });
  api = s.api;
}, SYNTH_TIMEOUT);

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
    expect(publicRoutes).toEqual([
      'GET /docs',
      'GET /health',
      'GET /invitations/preview',
      'GET /join-links/preview',
      'GET /openapi.json',
      'POST /memberships/leave',
    ]);
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
      expect(Object.keys(oidc.api.findOutputs('*'))).not.toContain('UserPoolId');
    },
    SYNTH_TIMEOUT,
  );
});

const variables = (props: Record<string, unknown> | undefined) => (props?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
const envOf = (fn: { node: { defaultChild: unknown } }) =>
  variables(resourcesOf(api, 'AWS::Lambda::Function')[s.stacks.api.getLogicalId(fn.node.defaultChild as CfnFunction)]?.Properties);
const roleOf = (fn: { node: { defaultChild: unknown } }) => roleOfFunction(api, s.stacks.api.getLogicalId(fn.node.defaultChild as CfnFunction));
const statementsOf = (fn: { node: { defaultChild: unknown } }) => statementsOfRole(api, roleOf(fn));
const actionsOf = (fn: { node: { defaultChild: unknown } }) => statementsOf(fn).flatMap((st) => st.Action);
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem'];

describe('least privilege', () => {
  it('no policy grants a wildcard action', () => {
    for (const template of [s.api, s.data]) {
      for (const [id, policy] of Object.entries(resourcesOf(template, 'AWS::IAM::Policy'))) {
        const doc = policy.Properties?.PolicyDocument as { Statement: { Action: string | string[] }[] };
        for (const st of doc.Statement) {
          for (const action of [st.Action].flat()) expect(action, id).not.toMatch(/\*/);
        }
      }
    }
  });

  it('a read-only route can read the table but cannot write it', () => {
    const readOnly = routes.filter((r) => r.access.table === 'read');
    expect(readOnly.length).toBeGreaterThan(0);
    for (const route of readOnly) {
      const actions = actionsOf(s.stacks.api.routeFunctions[route.id] as never);
      expect(actions, route.id).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
      for (const w of WRITE_ACTIONS) expect(actions, route.id).not.toContain(w);
    }
  });

  it('a route without table access gets no DynamoDB permission at all', () => {
    for (const route of routes.filter((r) => r.access.table === 'none')) {
      expect(
        actionsOf(s.stacks.api.routeFunctions[route.id] as never).filter((a) => a.startsWith('dynamodb:')),
        route.id,
      ).toEqual([]);
    }
  });

  it('a writing route gets item writes on the table and its GSI, and nothing may Scan', () => {
    for (const route of routes) {
      const statements = statementsOf(s.stacks.api.routeFunctions[route.id] as never);
      expect(
        statements.flatMap((st) => st.Action),
        route.id,
      ).not.toContain('dynamodb:Scan');
      if (route.access.table !== 'write') continue;
      const table = statements.find((st) => st.Action.includes('dynamodb:PutItem'));
      expect(table?.Action, route.id).toEqual(
        expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem']),
      );
      expect(JSON.stringify(table?.Resource), route.id).toContain('/index/GSI1');
    }
  });

  it('API routes cannot send email or touch schedules: only the workers do', () => {
    for (const route of routes) {
      const actions = actionsOf(s.stacks.api.routeFunctions[route.id] as never);
      expect(
        actions.filter((a) => /^(ses|scheduler|iam|events):/.test(a)),
        route.id,
      ).toEqual([]);
    }
  });

  it('email is sent only from the configured sender identity, through the configuration set', () => {
    for (const worker of [s.stacks.api.workers.dispatcher]) {
      const send = statementsOf(worker).filter((st) => st.Action.some((a) => a.startsWith('ses:')));
      expect(send).toHaveLength(1);
      expect(send[0]?.Action).toEqual(['ses:SendEmail']);
      expect(send[0]?.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'invitations@example.org' } });
      expect(JSON.stringify(send[0]?.Resource)).toMatch(/identity\/invitations@example\.org|Sender/);
      expect(JSON.stringify(send[0]?.Resource)).toMatch(/configuration-set\/",\{"Ref":"Emails/);
    }
  });

  it('only the dispatcher sends email: the reminder and delivery-events functions only write the table', () => {
    for (const worker of [s.stacks.api.workers.reminder, s.stacks.api.workers.deliveryEvents, s.stacks.api.workers.eventPublisher]) {
      expect(actionsOf(worker).filter((a) => a.startsWith('ses:'))).toEqual([]);
    }
  });

  it("the dispatcher may create and delete schedules only in the stage's group, and pass only the scheduler role", () => {
    const statements = statementsOf(s.stacks.api.workers.dispatcher);
    const schedules = statements.find((st) => st.Action.includes('scheduler:CreateSchedule'));
    expect(schedules?.Action.sort()).toEqual(['scheduler:CreateSchedule', 'scheduler:DeleteSchedule']);
    expect(JSON.stringify(schedules?.Resource)).toContain('schedule/org-invitations-test-reminders/*');
    const passRole = statements.find((st) => st.Action.includes('iam:PassRole'));
    expect(passRole?.Resource).toHaveLength(1);
    expect(JSON.stringify(passRole?.Resource)).toContain('SchedulerRole');
    expect(passRole?.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } });
  });

  it('the scheduler role can invoke only the reminder function and write only to its DLQ', () => {
    const roles = resourcesOf(api, 'AWS::IAM::Role');
    const [roleId, role] = Object.entries(roles).find(([id]) => id.startsWith('SchedulerRole')) ?? [];
    expect(JSON.stringify(role?.Properties?.AssumeRolePolicyDocument)).toContain('scheduler.amazonaws.com');
    const statements = statementsOfRole(api, roleId as string);
    const reminderId = s.stacks.api.getLogicalId(s.stacks.api.workers.reminder.node.defaultChild as CfnFunction);
    expect(statements).toEqual([
      { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: [{ 'Fn::GetAtt': [reminderId, 'Arn'] }] },
      { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: [expect.objectContaining({ 'Fn::ImportValue': expect.stringMatching(/ReminderFailures/) })] },
    ]);
  });

  it("the event publisher can put events on the stack's bus and nothing else: no table, no secret", () => {
    const actions = actionsOf(s.stacks.api.workers.eventPublisher);
    expect(actions).toContain('events:PutEvents');
    // the stream read actions come from its event source mapping; no item of the table can be read or written
    expect(actions.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual([
      'dynamodb:DescribeStream',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
      'dynamodb:ListStreams',
    ]);
    expect(actions.filter((a) => /^(secretsmanager|ses|scheduler):/.test(a))).toEqual([]);
  });

  it('the dispatcher and the routes that sign or check with the link secret may read it, and only that secret; no other function may', () => {
    const withSecret = routeSpecs.filter((r) => r.access.linkSecret).map((r) => r.id);
    expect(withSecret.length).toBeGreaterThan(0);
    const reads = (fn: { node: { defaultChild: unknown } }) => statementsOf(fn).filter((st) => st.Action.some((a) => a.startsWith('secretsmanager:')));
    for (const fn of [...withSecret.map((id) => s.stacks.api.routeFunctions[id]), s.stacks.api.workers.dispatcher]) {
      const read = reads(fn as { node: { defaultChild: unknown } });
      expect(read).toHaveLength(1);
      expect(JSON.stringify(read[0]?.Resource)).toMatch(/LinkSecret/);
    }
    for (const [id, fn] of Object.entries(s.stacks.api.routeFunctions)) {
      if (!withSecret.includes(id)) expect(reads(fn), id).toEqual([]);
    }
    expect(reads(s.stacks.api.workers.reminder)).toEqual([]);
    expect(reads(s.stacks.api.workers.deliveryEvents)).toEqual([]);
  });
});

describe('the table', () => {
  it('is defined by shared/db/table.ts: keys, GSI1, TTL attribute and stream', () => {
    s.data.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: tableDefinition.gsi1.name,
          KeySchema: [
            { AttributeName: tableDefinition.gsi1.partitionKey, KeyType: 'HASH' },
            { AttributeName: tableDefinition.gsi1.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
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

describe('alarms', () => {
  const alarms = () =>
    Object.entries(resourcesOf(api, 'AWS::CloudWatch::Alarm')).map(
      ([id, a]) => ({ ...(a.Properties as Record<string, unknown>), id }) as Record<string, unknown> & { id: string },
    );
  const byName = (name: string) => {
    const found = alarms().filter((a) => a.id.includes(`Monitoring${name}`));
    expect(found, name).toHaveLength(1);
    return found[0] as Record<string, unknown>;
  };
  /** What CloudWatch bills an alarm by: each metric it reads, $0.10 a month (docs/cost.md). */
  const metricsRead = (a: Record<string, unknown>) =>
    Array.isArray(a.Metrics) ? (a.Metrics as { MetricStat?: unknown }[]).filter((m) => m.MetricStat).length : 1;

  it('one alarm per signal that matters, not one per function: 8 alarms reading 14 metrics, whatever the number of routes', () => {
    expect(
      alarms()
        .map((a) => a.id.replace(/^Monitoring|[0-9A-F]{8}$/g, ''))
        .sort(),
    ).toEqual(
      [
        'Api5xxRate',
        'DeadLetters',
        'EmailBounceRate',
        'EmailComplaintRate',
        'LambdaThrottles',
        'ScheduleFailures',
        'SendingPaused',
        'StreamIteratorAge',
      ].sort(),
    );
    expect(alarms().reduce((n, a) => n + metricsRead(a), 0)).toBe(14);
    expect(alarms().some((a) => a.Namespace === 'AWS/Lambda' && a.MetricName === 'Errors')).toBe(false);
  });

  it('a schedule the Scheduler refused raises an alarm, and a rule retries such schedules every 5 minutes through the reminder function', () => {
    expect(alarms().find((a) => a.MetricName === 'ScheduleFailures')).toMatchObject({
      Namespace: 'OrgInvitations',
      Dimensions: [{ Name: 'service', Value: 'dispatcher' }],
      Threshold: 1,
    });
    const reminderId = s.stacks.api.getLogicalId(s.stacks.api.workers.reminder.node.defaultChild as CfnFunction);
    api.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [reminderId, 'Arn'] }, Input: JSON.stringify({ kind: 'retry-schedules' }) })],
    });
  });

  it("an org paused by the sender reputation guard raises an alarm (the delivery-events worker's metric)", () => {
    expect(byName('SendingPaused')).toMatchObject({
      Namespace: 'OrgInvitations',
      MetricName: 'SendingPaused',
      Dimensions: [{ Name: 'service', Value: 'delivery-events' }],
      Threshold: 1,
      Statistic: 'Sum',
    });
    expect(String(byName('SendingPaused').AlarmDescription)).toContain('#sendingpaused');
  });

  it('the API alarms on a 5xx rate above 5%', () => {
    const rate = byName('Api5xxRate');
    expect(rate).toMatchObject({ Threshold: 5, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 5, DatapointsToAlarm: 3 });
    expect(JSON.stringify(rate.Metrics)).toMatch(/"MetricName":"5xx".*"MetricName":"Count"/);
  });

  it('one alarm watches the depth of every dead-letter queue', () => {
    const dead = byName('DeadLetters');
    const queues = JSON.stringify(dead.Metrics);
    expect(queues).toMatch(/DispatcherFailures.*PublisherFailures.*ReminderFailures.*DeliveryEventFailures/);
    expect(queues).toContain('ApproximateNumberOfMessagesVisible');
    expect(dead.Threshold).toBe(1);
  });

  it("throttles are the account's Lambda Throttles metric less the dispatcher's intended ones; iterator age covers both stream consumers", () => {
    // the dispatcher's reserved concurrency (SES pacing) throttles it on purpose: those do not page anyone
    type Query = { Id: string; Expression?: string; MetricStat?: { Metric: { MetricName: string; Dimensions?: { Name: string; Value: unknown }[] } } };
    const throttles = byName('LambdaThrottles');
    expect(throttles.Threshold).toBe(1);
    const queries = throttles.Metrics as Query[];
    const account = queries.find((q) => q.MetricStat?.Metric.MetricName === 'Throttles' && !q.MetricStat.Metric.Dimensions);
    const dispatcherId = s.stacks.api.getLogicalId(s.stacks.api.workers.dispatcher.node.defaultChild as CfnFunction);
    const dispatcher = queries.find((q) => JSON.stringify(q.MetricStat?.Metric.Dimensions ?? []).includes(dispatcherId));
    expect(account).toBeDefined();
    expect(dispatcher?.MetricStat?.Metric.MetricName).toBe('Throttles');
    // no data from the dispatcher (no throttles) must count as 0, or the account's throttles would vanish with it
    expect(queries.find((q) => q.Expression)?.Expression).toBe(`${account?.Id} - (FILL(${dispatcher?.Id}, 0))`);
    const age = byName('StreamIteratorAge');
    expect(age.Threshold).toBe(300_000);
    const ids = [s.stacks.api.workers.dispatcher, s.stacks.api.workers.eventPublisher].map((f) =>
      s.stacks.api.getLogicalId(f.node.defaultChild as CfnFunction),
    );
    for (const id of ids) expect(JSON.stringify(age.Metrics)).toContain(id);
  });

  it('email reputation alarms sit at the rates where SES reviews an account', () => {
    expect(byName('EmailBounceRate')).toMatchObject({ Namespace: 'AWS/SES', MetricName: 'Reputation.BounceRate', Threshold: 0.05 });
    expect(byName('EmailComplaintRate')).toMatchObject({ Namespace: 'AWS/SES', MetricName: 'Reputation.ComplaintRate', Threshold: 0.001 });
  });

  it(
    'the alarm topic always exists and every alarm notifies it (alarm and OK); an alarm email subscribes to it',
    () => {
      const topicId = Object.keys(resourcesOf(api, 'AWS::SNS::Topic')).find((id) => id.startsWith('MonitoringTopic'));
      expect(topicId).toBeDefined();
      for (const a of alarms()) {
        expect(a.AlarmActions, a.id).toEqual([{ Ref: topicId }]);
        expect(a.OKActions, a.id).toEqual([{ Ref: topicId }]);
        expect(String(a.AlarmDescription), a.id).toMatch(/Runbook: docs\/deploy\.md#/);
      }
      expect(Object.keys(resourcesOf(api, 'AWS::SNS::Subscription')).filter((id) => id.startsWith('Monitoring'))).toEqual([]);
      const withEmail = synth({ alarmEmail: 'ops@example.org', dashboard: 'true' });
      withEmail.api.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.org' });
      expect(Object.keys(resourcesOf(withEmail.api, 'AWS::CloudWatch::Dashboard'))).toHaveLength(1);
    },
    SYNTH_TIMEOUT,
  );

  it("the dashboard is opt-in (context dashboard=true): it costs $3 a month beyond an account's first three", () => {
    expect(Object.keys(resourcesOf(api, 'AWS::CloudWatch::Dashboard'))).toEqual([]);
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
