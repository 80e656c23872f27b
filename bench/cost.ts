/**
 * `npm run cost` (also the last section of `npm run bench`): what a deployment costs, from measured
 * figures at list prices. Writes docs/cost.md. The fixed part is read from the synthesized templates
 * (the alarms' metrics, keys, secrets, dashboards); the variable part runs scenarios on the local stack
 * (real handlers, DynamoDB Local, local SES, the real dispatcher) and counts what AWS would bill.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent, SNSEvent } from 'aws-lambda';
import { startLocalStack } from '../functions/local/stack.ts';
import { buildWeb } from '../functions/local/web-build.ts';
import { handler as deliveryEvents } from '../functions/workers/delivery-events.ts';
import { type Caller, invoke } from '../measure/invoke.ts';
import { snsOf } from '../measure/ses-events.ts';
import { changePlan } from '../shared/domain/orgs/change-plan.ts';
import { CostMeter } from './lib/cost-meter.ts';
import { renderCostReport } from './lib/cost-report.ts';
import { usageOf } from './lib/cost-usage.ts';
import { summary } from './lib/stats.ts';

/** The fixed part and the edge's paragraph live in lib/cost-fixed.ts; test/infra/cost.test.ts reads them here. */
export { edgeParagraph, fixedCost } from './lib/cost-fixed.ts';

/** One API Gateway access log line (infra/stacks/api-http.ts format) with typical values. */
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
  return snsOf(message, { messageId: `sns-${to}`, timestamp: new Date().toISOString() });
}

export async function costModel(opts: { sample?: number; write?: boolean } = {}) {
  // the fixed part is read from the synthesized stacks, and the web stack's assets are the app's build:
  // a fresh clone has none yet (npm run synth builds it the same way)
  await buildWeb();
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

    const report = renderCostReport({ sample, perInvitation, perListing, perChange, bytesPerMember, itemsPerMember: items.count / (sample + 1) });
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

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const report = await costModel({ sample: Number(process.argv.find((a) => a.startsWith('--sample='))?.slice(9) ?? 20) });
  process.stdout.write(report);
}
