import type { ScheduledJob } from '../../shared/ports.ts';
import type { LocalScheduler } from './local-scheduler.ts';

interface SdkRequest {
  method: string;
  path: string;
  query?: Record<string, string | string[] | null>;
  body?: unknown;
}

/**
 * EventBridge Scheduler's API (CreateSchedule, DeleteSchedule) answered in process from the
 * LocalScheduler, as the `requestHandler` of a real SchedulerClient. The local stack therefore runs
 * the deployed adapter (`AwsScheduler`) through the whole SDK (serializer, retry strategy,
 * deserializer): a test can inject Scheduler faults where the SDK sees them as service answers.
 */
export function localSchedulerEndpoint(scheduler: LocalScheduler) {
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request: SdkRequest) {
      const name = decodeURIComponent(/^\/schedules\/([^/]+)$/.exec(request.path)?.[1] ?? '');
      if (!name) return { response: answer(404, { message: `no route ${request.method} ${request.path}` }, 'ResourceNotFoundException') };
      if (request.method === 'POST') {
        const body = JSON.parse(text(request.body)) as { ScheduleExpression: string; Target: { Input: string } };
        const at = /^at\((\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\)$/.exec(body.ScheduleExpression)?.[1];
        if (!at) return { response: answer(400, { message: `unsupported expression ${body.ScheduleExpression}` }, 'ValidationException') };
        const created = await scheduler.create({ name, at: new Date(`${at}Z`), job: JSON.parse(body.Target.Input) as ScheduledJob });
        return {
          response: created
            ? answer(200, { ScheduleArn: `arn:aws:scheduler:local:000000000000:schedule/local/${name}` })
            : answer(409, { message: `Schedule ${name} already exists.` }, 'ConflictException'),
        };
      }
      if (request.method === 'DELETE') {
        return {
          response: (await scheduler.remove(name))
            ? answer(200, {})
            : answer(404, { message: `Schedule ${name} does not exist.` }, 'ResourceNotFoundException'),
        };
      }
      return { response: answer(405, { message: `${request.method} not supported` }, 'ValidationException') };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
}

const text = (body: unknown) => (typeof body === 'string' ? body : body ? new TextDecoder().decode(body as Uint8Array) : '{}');

function answer(statusCode: number, body: unknown, errorType?: string) {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...(errorType ? { 'x-amzn-errortype': errorType } : {}) },
    body: new TextEncoder().encode(JSON.stringify(body)),
  };
}
