/** What a measured scenario used, per unit, and what that usage costs at list prices. */
import type { CostMeter } from './cost-meter.ts';
import { prices } from './prices.ts';
import { summary } from './stats.ts';

const MEMORY_GB = 0.5;
export const money = (n: number) => `$${n.toFixed(2)}`;
export const small = (n: number) => (n < 0.01 && n > 0 ? `$${n.toFixed(4)}` : money(n));

export interface Usage {
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

export function usageOf(m: CostMeter, per: number): Usage {
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
export function priced(u: Usage, times: number) {
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
