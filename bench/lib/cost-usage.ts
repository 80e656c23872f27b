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

/** A row billed by the count: `n` of `unit`, at `price` for each `per` of them. */
const counted = (service: string, n: number, unit: string, per: number, price: number) => ({
  service,
  quantity: `${Math.round(n)} ${unit}`,
  cost: (n / per) * price,
});

/** Dollars for `times` repetitions of a measured unit of usage, by service. */
export function priced(u: Usage, times: number) {
  const lambdaRequests = Object.values(u.invocations).reduce((s, i) => s + i.count, 0) * times;
  const gbSeconds = Object.values(u.invocations).reduce((s, i) => s + (i.billedMs / 1000) * MEMORY_GB, 0) * times;
  return [
    counted('Lambda requests', lambdaRequests, 'invocations', 1e6, prices.lambda.perMillionRequests),
    { service: 'Lambda duration (512 MB arm64)', quantity: `${gbSeconds.toFixed(1)} GB-s`, cost: gbSeconds * prices.lambda.perGbSecond },
    counted('API Gateway HTTP API', u.apiRequests * times, 'requests', 1e6, prices.httpApiPerMillion),
    counted('DynamoDB writes (on-demand)', u.writeUnits * times, 'WRU', 1e6, prices.dynamodb.perMillionWriteUnits),
    counted('DynamoDB reads (on-demand)', u.readUnits * times, 'RRU', 1e6, prices.dynamodb.perMillionReadUnits),
    counted('SES emails', u.emails * times, 'emails', 1000, prices.ses.perThousandEmails),
    {
      service: 'EventBridge Scheduler',
      quantity: `${Math.round(u.schedulesCreated * times)} created, ${Math.round(u.scheduleInvocations * times)} fired`,
      cost: ((u.scheduleInvocations * times) / 1e6) * prices.schedulerPerMillionInvocations,
    },
    counted('EventBridge events (integration bus)', u.busEvents * times, 'events', 1e6, prices.eventBridgePerMillionEvents),
    counted('SNS (SES events topic)', u.snsPublishes * times, 'publishes', 1e6, prices.sns.perMillionPublishes),
    {
      service: 'CloudWatch Logs ingestion',
      quantity: `${((u.logBytes * times) / 2 ** 20).toFixed(2)} MiB`,
      cost: ((u.logBytes * times) / 2 ** 30) * prices.logs.ingestionPerGb,
    },
  ];
}
