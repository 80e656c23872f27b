/**
 * `npm run cost` (also the last section of `npm run bench`): what a deployment costs, from measured
 * figures at list prices. Writes docs/cost.md. The fixed part is read from the synthesized templates
 * (the alarms' metrics, keys, secrets, dashboards); the variable part runs scenarios on the local stack
 * (real handlers, DynamoDB Local, local SES, the real dispatcher) and counts what AWS would bill.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent, SNSEvent } from 'aws-lambda';
import { startLocalStack } from '../functions/local/stack.ts';
import { handler as deliveryEvents } from '../functions/workers/delivery-events.ts';
import { buildApp } from '../infra/build-app.ts';
import { type Caller, invoke } from '../measure/invoke.ts';
import { changePlan } from '../shared/domain/orgs/change-plan.ts';
import { CostMeter } from './lib/cost-meter.ts';
import { markdownTable } from './lib/markdown.ts';
import { PRICES_AS_OF, peers, prices } from './lib/prices.ts';
import { summary } from './lib/stats.ts';

const MEMORY_GB = 0.5;
/** One API Gateway access log line (infra/stacks/api-stack.ts format) with typical values. */
const ACCESS_LOG_LINE = `${JSON.stringify({
  requestId: 'Xa1bCdEfIAMEbQ=',
  ip: '203.0.113.10',
  routeKey: 'POST /orgs/{orgId}/invitations',
  status: '201',
  latency: '45',
  sub: '94a8c4f8-1031-70a5-0c54-3d4b5c6d7e8f',
  authorizerError: '-',
  integrationError: '-',
})}\n`.length;
const money = (n: number) => `$${n.toFixed(2)}`;
const small = (n: number) => (n < 0.01 && n > 0 ? `$${n.toFixed(4)}` : money(n));

/** Fixed monthly cost, read from the templates of a production stage with default settings. */
export function fixedCost(context: Record<string, unknown> = {}) {
  const app = new App({
    context: {
      stage: 'cost',
      sandbox: 'false',
      senderEmail: 'invitations@example.org',
      acceptUrlBase: 'https://app.example.org/accept',
      allowPlaceholders: 'true',
      'aws:cdk:bundling-stacks': [],
      ...context,
    },
  });
  // the edge's web ACL lives in us-east-1 and needs the stacks' region named (docs/adr/api-edge-waf.md)
  const built = buildApp(app, context.apiWafRateLimit === undefined ? undefined : { region: 'us-east-1' });
  const resources = [built.data, built.api, ...(built.firewall ? [built.firewall] : [])].flatMap((s) =>
    Object.values(Template.fromStack(s).toJSON().Resources as Record<string, { Type: string; Properties?: Record<string, unknown> }>),
  );
  const ofType = (t: string) => resources.filter((r) => r.Type === t);
  const alarmMetrics = ofType('AWS::CloudWatch::Alarm').reduce((n, a) => {
    const metrics = a.Properties?.Metrics as { MetricStat?: unknown }[] | undefined;
    return n + (metrics ? metrics.filter((m) => m.MetricStat).length : 1);
  }, 0);
  const rows: { item: string; quantity: number; unit: number }[] = [
    { item: 'KMS customer managed key (SNS topics)', quantity: ofType('AWS::KMS::Key').length, unit: prices.kms.perKeyMonth },
    { item: 'Secrets Manager secret (link secret)', quantity: ofType('AWS::SecretsManager::Secret').length, unit: prices.secretsManager.perSecretMonth },
    {
      item: `CloudWatch alarm metrics (${ofType('AWS::CloudWatch::Alarm').length} alarms)`,
      quantity: alarmMetrics,
      unit: prices.cloudwatch.perAlarmMetricMonth,
    },
    { item: 'CloudWatch composite alarms', quantity: ofType('AWS::CloudWatch::CompositeAlarm').length, unit: prices.cloudwatch.perCompositeAlarmMonth },
    {
      item: 'CloudWatch dashboards (opt-in: -c dashboard=true)',
      quantity: ofType('AWS::CloudWatch::Dashboard').length,
      unit: prices.cloudwatch.perDashboardMonth,
    },
  ];
  // only with the edge (context apiWafRateLimit): its web ACL and rules are billed by the month
  const webAcls = ofType('AWS::WAFv2::WebACL');
  if (webAcls.length > 0) {
    const rules = webAcls.reduce((n, a) => n + ((a.Properties?.Rules as unknown[] | undefined)?.length ?? 0), 0);
    rows.push(
      { item: "AWS WAF web ACL (the API's edge: -c apiWafRateLimit)", quantity: webAcls.length, unit: prices.waf.perWebAclMonth },
      { item: 'AWS WAF rules (per-IP rate limits)', quantity: rules, unit: prices.waf.perRuleMonth },
    );
  }
  const total = rows.reduce((s, r) => s + r.quantity * r.unit, 0);
  return { rows, total };
}

const person = (tag: string, i: number): Caller => ({ userId: `usr_cost_${tag}_${i}`, email: `${tag}${i}@cost.example.com`, name: `${tag} ${i}` });

function snsDelivery(to: string, tags: Record<string, string>): SNSEvent {
  const message = {
    eventType: 'Delivery',
    delivery: {
      timestamp: new Date().toISOString(),
      processingTimeMillis: 900,
      recipients: [to],
      smtpResponse: '250 2.0.0 OK',
      reportingMTA: 'a1-2.smtp-out.amazonses.com',
    },
    mail: {
      timestamp: new Date().toISOString(),
      source: 'invitations@localhost.test',
      messageId: `cost-${to}`,
      destination: [to],
      tags: Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, [v]])),
    },
  };
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: 'arn:aws:sns:us-east-1:123456789012:ses-events:sub',
        Sns: {
          Type: 'Notification',
          MessageId: `sns-${to}`,
          TopicArn: 'arn:aws:sns:us-east-1:123456789012:ses-events',
          Subject: '',
          Message: JSON.stringify(message),
          Timestamp: new Date().toISOString(),
          SignatureVersion: '1',
          Signature: 'x',
          SigningCertUrl: 'https://sns',
          UnsubscribeUrl: 'https://sns',
          MessageAttributes: {},
        },
      },
    ],
  };
}

interface Usage {
  /** Per function: invocations, their median and their billed milliseconds (each rounded up), per unit. */
  invocations: Record<string, { count: number; medianMs: number; billedMs: number }>;
  apiRequests: number;
  writeUnits: number;
  readUnits: number;
  emails: number;
  schedulesCreated: number;
  scheduleInvocations: number;
  busEvents: number;
  snsPublishes: number;
  logBytes: number;
}

function usageOf(m: CostMeter, per: number): Usage {
  const invocations = Object.fromEntries(
    [...m.invocations].map(([fn, ms]) => [fn, { count: ms.length / per, medianMs: summary(ms).p50, billedMs: ms.reduce((t, x) => t + Math.ceil(x), 0) / per }]),
  );
  return {
    invocations,
    apiRequests: m.apiRequests / per,
    writeUnits: m.writeUnits / per,
    readUnits: m.readUnits / per,
    emails: m.emails / per,
    schedulesCreated: m.schedulesCreated / per,
    scheduleInvocations: m.scheduleInvocations / per,
    busEvents: m.busEvents / per,
    snsPublishes: m.snsPublishes / per,
    logBytes: m.logBytes / per,
  };
}

/** Dollars for `times` repetitions of a measured unit of usage, by service. */
function priced(u: Usage, times: number) {
  const lambdaRequests = Object.values(u.invocations).reduce((s, i) => s + i.count, 0) * times;
  const gbSeconds = Object.values(u.invocations).reduce((s, i) => s + (i.billedMs / 1000) * MEMORY_GB, 0) * times;
  return [
    { service: 'Lambda requests', quantity: `${Math.round(lambdaRequests)} invocations`, cost: (lambdaRequests / 1e6) * prices.lambda.perMillionRequests },
    { service: 'Lambda duration (512 MB arm64)', quantity: `${gbSeconds.toFixed(1)} GB-s`, cost: gbSeconds * prices.lambda.perGbSecond },
    {
      service: 'API Gateway HTTP API',
      quantity: `${Math.round(u.apiRequests * times)} requests`,
      cost: ((u.apiRequests * times) / 1e6) * prices.httpApiPerMillion,
    },
    {
      service: 'DynamoDB writes (on-demand)',
      quantity: `${Math.round(u.writeUnits * times)} WRU`,
      cost: ((u.writeUnits * times) / 1e6) * prices.dynamodb.perMillionWriteUnits,
    },
    {
      service: 'DynamoDB reads (on-demand)',
      quantity: `${Math.round(u.readUnits * times)} RRU`,
      cost: ((u.readUnits * times) / 1e6) * prices.dynamodb.perMillionReadUnits,
    },
    { service: 'SES emails', quantity: `${Math.round(u.emails * times)} emails`, cost: ((u.emails * times) / 1000) * prices.ses.perThousandEmails },
    {
      service: 'EventBridge Scheduler',
      quantity: `${Math.round(u.schedulesCreated * times)} created, ${Math.round(u.scheduleInvocations * times)} fired`,
      cost: ((u.scheduleInvocations * times) / 1e6) * prices.schedulerPerMillionInvocations,
    },
    {
      service: 'EventBridge events (integration bus)',
      quantity: `${Math.round(u.busEvents * times)} events`,
      cost: ((u.busEvents * times) / 1e6) * prices.eventBridgePerMillionEvents,
    },
    {
      service: 'SNS (SES events topic)',
      quantity: `${Math.round(u.snsPublishes * times)} publishes`,
      cost: ((u.snsPublishes * times) / 1e6) * prices.sns.perMillionPublishes,
    },
    {
      service: 'CloudWatch Logs ingestion',
      quantity: `${((u.logBytes * times) / 2 ** 20).toFixed(2)} MiB`,
      cost: ((u.logBytes * times) / 2 ** 30) * prices.logs.ingestionPerGb,
    },
  ];
}

export async function costModel(opts: { sample?: number; write?: boolean } = {}) {
  const sample = opts.sample ?? 20;
  const meter = new CostMeter();
  const stack = await startLocalStack({
    logLevel: 'info',
    logSink: (line) => {
      meter.logBytes += Buffer.byteLength(line) + 1;
    },
  });
  try {
    const { deps, table } = stack.runtime;
    meter.attach(table.doc);
    // the real dispatcher, as the poller invokes it; each call is one Lambda invocation
    const poller = stack.poller as unknown as { o: { handler: (e: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse> } };
    const dispatch = poller.o.handler;
    // the local poller also calls it with empty batches, which Lambda never does
    poller.o.handler = (e) => (e.Records.length === 0 ? dispatch(e) : meter.invocation('Dispatcher', () => dispatch(e)));
    const scheduler = stack.scheduler;
    // what the local Scheduler endpoint answers CreateSchedule and DeleteSchedule with
    const create = scheduler.create.bind(scheduler);
    const remove = scheduler.remove.bind(scheduler);
    scheduler.create = async (s) => {
      meter.schedulesCreated += 1;
      return create(s);
    };
    scheduler.remove = async (name) => {
      meter.schedulesDeleted += 1;
      return remove(name);
    };

    const route = async (fn: string, method: string, path: string, o: Parameters<typeof invoke>[2]) => {
      meter.apiRequests += 1;
      meter.logBytes += ACCESS_LOG_LINE;
      return meter.invocation(fn, () => invoke(method, path, o));
    };

    const admin = person('admin', 0);
    const org = (await invoke('POST', '/orgs', { caller: admin, body: { name: 'Cost' } })).body.org;
    // the plan is the operator's (customers cannot pick one): set the way scripts/set-plan.ts sets it
    await changePlan(deps, { orgId: org.orgId, plan: 'enterprise', operator: 'bench' });
    await stack.settle();
    // from here on, only what the invitations cost
    meter.calls.length = 0;
    meter.invocations.clear();
    meter.logBytes = 0;
    const auditBefore = (await deps.audit.list(org.orgId, {}, { limit: 200 })).items.length;
    const emailsBefore = (await stack.ses.emails()).length;

    // Scenario 1: an invitation sent and accepted, `sample` times: invite (one address), the email,
    // its delivery event, the invitee's preview and accept; the reminder schedule is deleted on accept.
    for (let i = 0; i < sample; i++) {
      const invitee = person('invitee', i);
      const r = await route('InviteMembers', 'POST', '/orgs/{orgId}/invitations', {
        caller: admin,
        params: { orgId: org.orgId },
        body: { emails: invitee.email },
      });
      await stack.settle();
      const inv = await deps.invitations.get(org.orgId, r.body.results[0].invitationId);
      if (!inv) throw new Error('invitation missing');
      meter.snsPublishes += 1;
      await meter.invocation('DeliveryEvents', () =>
        deliveryEvents(snsDelivery(invitee.email, { orgId: org.orgId, invitationId: inv.invitationId, sendCount: '1' })),
      );
      const token = deps.links.tokenFor(inv);
      await route('PreviewInvitation', 'GET', '/invitations/preview', { query: { token } });
      const accepted = await route('AcceptInvitation', 'POST', '/invitations/accept', { caller: invitee, body: { token } });
      if (accepted.status !== 200) throw new Error(`accept answered ${accepted.status}: ${JSON.stringify(accepted.body)}`);
      await stack.settle();
    }
    meter.emails = (await stack.ses.emails()).length - emailsBefore;
    // the event publisher is not part of the local stack: Lambda invokes it (after its filter) for new
    // audit items and delivery-status changes; each audit event is one bus event
    const auditEvents = (await deps.audit.list(org.orgId, {}, { limit: 1000 })).items.length - auditBefore;
    meter.busEvents = auditEvents;
    const publisherInvocations = meter.calls.filter((c) => /"entity":(\{"S":)?"audit"/.test(JSON.stringify(c.input))).length + sample * 2;
    meter.invocations.set(
      'EventPublisher',
      Array.from({ length: publisherInvocations }, () => summary(meter.invocations.get('DeliveryEvents') ?? [10]).p50),
    );
    const perInvitation = usageOf(meter, sample);

    // Scenario 2 (a month of 100,000 members): storage per member as written above, plus each member
    // listing their organizations once a day and an admin changing one member in a hundred.
    const items = await scanAll(stack);
    const bytesPerMember = items.bytes / (sample + 1);
    const monthMeter = new CostMeter();
    monthMeter.attach(table.doc);
    const member = person('invitee', 0);
    for (let i = 0; i < sample; i++) {
      monthMeter.apiRequests += 1;
      monthMeter.logBytes += ACCESS_LOG_LINE;
      const listed = await monthMeter.invocation('ListMyOrganizations', () => invoke('GET', '/me/organizations', { caller: member }));
      if (listed.status !== 200) throw new Error(`GET /me/organizations answered ${listed.status}: ${JSON.stringify(listed.body)}`);
    }
    const perListing = usageOf(monthMeter, sample);
    const changeMeter = new CostMeter();
    changeMeter.attach(table.doc);
    for (let i = 0; i < sample; i++) {
      changeMeter.apiRequests += 1;
      changeMeter.logBytes += ACCESS_LOG_LINE;
      const changed = await changeMeter.invocation('UpdateMember', () =>
        invoke('PATCH', '/orgs/{orgId}/members/{userId}', {
          caller: admin,
          params: { orgId: org.orgId, userId: person('invitee', i).userId },
          body: { role: i % 2 ? 'member' : 'viewer' },
        }),
      );
      if (changed.status !== 200) throw new Error(`PATCH member answered ${changed.status}: ${JSON.stringify(changed.body)}`);
    }
    await stack.settle();
    const perChange = usageOf(changeMeter, sample);

    const report = render({ sample, perInvitation, perListing, perChange, bytesPerMember, itemsPerMember: items.count / (sample + 1) });
    if (opts.write !== false) writeFileSync(fileURLToPath(new URL('../docs/cost.md', import.meta.url)), report);
    return report;
  } finally {
    await stack.stop();
  }
}

async function scanAll(stack: Awaited<ReturnType<typeof startLocalStack>>) {
  const { ScanCommand } = await import('@aws-sdk/lib-dynamodb');
  const { itemBytes } = await import('../measure/write-units.ts');
  let bytes = 0;
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await stack.runtime.table.doc.send(new ScanCommand({ TableName: stack.runtime.table.name, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) {
      if (String(item.PK).startsWith('LOCAL')) continue; // the local scheduler's own items
      const size = Object.entries(item).reduce((s, [k, v]) => s + Buffer.byteLength(k) + itemBytes(v), 0) + 100;
      // an item with GSI1 keys is stored again in the index (projection ALL)
      bytes += item.GSI1PK !== undefined ? 2 * size : size;
      count += 1;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return { bytes, count };
}

/** What the optional edge (context apiWafRateLimit) adds: its fixed part from the templates, its price per request. */
export function edgeParagraph(fixed: ReturnType<typeof fixedCost>, withEdge: ReturnType<typeof fixedCost>) {
  const rules = withEdge.rows.find((r) => r.item.startsWith('AWS WAF rules'))?.quantity ?? 0;
  const perMillion = prices.httpApiPerMillion + prices.waf.perMillionRequests + prices.cloudfront.perMillionHttpsRequests;
  return `With per-IP limits at the edge (\`-c apiWafRateLimit=...\`, [deploy.md](deploy.md#per-ip-limits-at-the-edge)): ${money(withEdge.total)} a month
before any traffic, ${money(withEdge.total - fixed.total)} more (the web ACL ${money(prices.waf.perWebAclMonth)} and its ${rules} rules at ${money(prices.waf.perRuleMonth)}; CloudFront has no monthly fee).
Each API request then also pays AWS WAF ${money(prices.waf.perMillionRequests)} a million and, beyond CloudFront's always-free
${(prices.cloudfront.freeRequestsMonth / 1e6).toFixed(0)} million a month, CloudFront ${money(prices.cloudfront.perMillionHttpsRequests)} a million (HTTPS, North America and Europe): ${money(perMillion)}
a million requests instead of the HTTP API's ${money(prices.httpApiPerMillion)} alone. Requests WAF blocks are inspected, and billed, too.`;
}

function render(m: { sample: number; perInvitation: Usage; perListing: Usage; perChange: Usage; bytesPerMember: number; itemsPerMember: number }) {
  const date = new Date().toISOString().slice(0, 10);
  const fixed = fixedCost();
  const withDashboard = fixedCost({ dashboard: 'true' });
  const withEdge = fixedCost({ apiWafRateLimit: '2000' });
  const thousand = priced(m.perInvitation, 1000);
  const thousandTotal = thousand.reduce((s, r) => s + r.cost, 0);
  const members = 100_000;
  const storageGb = (m.bytesPerMember * members) / 2 ** 30;
  const month = [
    {
      service: 'DynamoDB storage',
      quantity: `${storageGb.toFixed(3)} GB (${m.itemsPerMember.toFixed(1)} items, ${Math.round(m.bytesPerMember)} B per member incl. index)`,
      cost: storageGb * prices.dynamodb.storagePerGbMonth,
    },
    { service: 'DynamoDB point-in-time recovery', quantity: `${storageGb.toFixed(3)} GB`, cost: storageGb * prices.dynamodb.pitrPerGbMonth },
    ...priced(m.perListing, members * 30).map((r) => ({ ...r, service: `GET /me/organizations, 30 per member: ${r.service}` })),
    ...priced(m.perChange, members / 100).map((r) => ({ ...r, service: `PATCH member, 1 per 100 members: ${r.service}` })),
  ].filter((r) => r.cost > 0 || r.service.startsWith('DynamoDB'));
  const monthTotal = month.reduce((s, r) => s + r.cost, 0);
  const inv = m.perInvitation;
  const perInvRows = [
    ...Object.entries(inv.invocations).map(([fn, i]) => ({
      what: `${fn} invocations`,
      'per invitation': i.count.toFixed(2),
      note: `median ${i.medianMs.toFixed(1)} ms, ${i.billedMs.toFixed(0)} ms billed per invitation (this machine)`,
    })),
    { what: 'API requests', 'per invitation': inv.apiRequests.toFixed(2), note: 'invite, preview, accept' },
    { what: 'DynamoDB write units', 'per invitation': inv.writeUnits.toFixed(2), note: 'as AWS bills them (measure/write-units.ts), all functions' },
    { what: 'DynamoDB read units', 'per invitation': inv.readUnits.toFixed(2), note: 'as DynamoDB Local reports them' },
    { what: 'emails', 'per invitation': inv.emails.toFixed(2), note: 'local SES' },
    { what: 'schedules created', 'per invitation': inv.schedulesCreated.toFixed(2), note: 'reminder and expiry; deleted on accept, so none fires' },
    { what: 'integration events', 'per invitation': inv.busEvents.toFixed(2), note: 'audit events published to the bus' },
    { what: 'log bytes', 'per invitation': inv.logBytes.toFixed(0), note: 'function lines at LOG_LEVEL=info plus one access log line per request' },
  ];
  const mau = (n: number) => Math.max(0, n - prices.cognito.essentialsFreeMau) * prices.cognito.essentialsPerMau;
  const peerRows = peers.map((p) => ({
    peer: p.name,
    '1,000 MAU a month': Number.isNaN(p.month(1000)) ? 'quoted' : money(p.month(1000)),
    '100,000 MAU a month': Number.isNaN(p.month(100_000)) ? 'quoted' : money(p.month(100_000)),
    'based on': p.basis,
  }));
  return `# What a deployment costs

Generated by \`npm run cost\` (also run at the end of \`npm run bench\`) on ${date}. Do not edit by
hand: change \`bench/cost.ts\` or \`bench/lib/prices.ts\` and run it again.

**Prices:** AWS list prices for us-east-1, on demand, **${PRICES_AS_OF}**, without free tiers
(\`bench/lib/prices.ts\` lists each one). Check them on https://aws.amazon.com/pricing/ before relying on a figure.

**Method:** the fixed part is read from the synthesized templates of a production stage (default
context). The variable part is measured: ${m.sample} invitations were sent and accepted on the local
stack (real handlers and the real dispatcher on DynamoDB Local and local SES) while every DynamoDB
call of every function, every email, schedule and log byte was counted; the figures per invitation
are then multiplied. Lambda duration is the time each invocation took on this machine, rounded up to the
millisecond as Lambda bills it, at 512 MB; in AWS a DynamoDB round trip is a few milliseconds, and DynamoDB
Local is usually slower than that, so this tends to overstate duration (which is anyway the smallest
item). The event publisher does not run locally: its invocations are counted as one per write of
audit items and two per invitation (delivery status sent, delivered), at the delivery-events
function's median duration.

## Fixed monthly cost at zero traffic

| item | quantity | unit price a month | a month |
|---|---|---|---|
${fixed.rows.map((r) => `| ${r.item} | ${r.quantity} | ${money(r.unit)} | ${money(r.quantity * r.unit)} |`).join('\n')}
| **total** | | | **${money(fixed.total)}** |

With the dashboard (\`-c dashboard=true\`): ${money(withDashboard.total)} a month, or ${money(fixed.total)} while it is one of the
account's first three dashboards (always free). Zero at zero traffic: Lambda, API Gateway, DynamoDB
on-demand (an empty table stores nothing), SES, Scheduler, SNS, SQS, the event bus, the Cognito
user pool (billed per monthly active user) and log groups without logs. X-Ray (\`-c tracing=true\`)
is billed per trace: ${money(prices.xrayPerMillionTraces)} a million (the first 100,000 a month are free), about one trace per
invocation.

${edgeParagraph(fixed, withEdge)}

## 1,000 invitations sent and accepted

Measured per invitation (${m.sample} sent and accepted, one address per request):

${markdownTable(perInvRows)}

| service | for 1,000 invitations | cost |
|---|---|---|
${thousand.map((r) => `| ${r.service} | ${r.quantity} | ${small(r.cost)} |`).join('\n')}
| **total (AWS infrastructure)** | | **${money(thousandTotal)}** |

**${money(thousandTotal)} per 1,000 accepted invitations**, of which SES is ${money(thousand.find((r) => r.service === 'SES emails')?.cost ?? 0)}. Identity is
extra and is usually the larger part: each invitee who signs in is a Cognito monthly active user,
free up to ${prices.cognito.essentialsFreeMau.toLocaleString('en-US')} a month (Essentials), then $${prices.cognito.essentialsPerMau} each: 1,000 new users beyond the free
tier add ${money(mau(11_000))}. With your own OIDC provider (\`oidcIssuer\`) Cognito costs nothing here.
The business metrics (EMF, 3 custom metrics) add up to ${money(3 * prices.cloudwatch.perCustomMetricMonth)} in a month in which invitations are sent.

## 100,000 members managed for a month

Storage measured on the table after the invitations above (every item they left: member, claims,
invitation until its retention ends, audit), each member listing their organizations once a day
(GET /me/organizations, measured) and an admin changing one member in a hundred (PATCH, measured):

| item | quantity | cost a month |
|---|---|---|
${month.map((r) => `| ${r.service} | ${r.quantity} | ${small(r.cost)} |`).join('\n')}
| **total (AWS infrastructure)** | | **${money(monthTotal)}** |

Plus the fixed ${money(fixed.total)}. Identity: 100,000 monthly active users on Cognito Essentials cost
${money(mau(100_000))} a month at list price (90,000 beyond the free 10,000); with your own OIDC provider, nothing.

## Hosted peers for the same job

Read on 2026-12-01 from stored copies of public pages (this machine cannot open the vendors' own
pages), each row naming its source and that copy's date; Auth0's is from memory and unverified. Check
each vendor's pricing page before relying on it. The hosted services include identity (sign-in,
sessions, MFA), which here is Cognito's or your OIDC provider's.

${markdownTable(peerRows)}

Here: ${money(fixed.total)} a month fixed, ${money(thousandTotal)} per 1,000 accepted invitations and ${money(monthTotal)} a month for 100,000 members
(AWS infrastructure), plus identity (${money(0)} up to 10,000 MAU with Cognito Essentials, ${money(mau(100_000))} at 100,000 MAU).
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const report = await costModel({ sample: Number(process.argv.find((a) => a.startsWith('--sample='))?.slice(9) ?? 20) });
  process.stdout.write(report);
}
