import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { invocationFields, withInvocationLog } from '../../functions/invocation.ts';
import { createLogger } from '../../shared/logger.ts';

const context = (requestId: string) => ({ functionName: 'org-invitations-prod-InviteMembers', awsRequestId: requestId }) as Context;

describe('every log line in Lambda names the function, the request, the trace and the cold start', () => {
  afterEach(() => {
    delete process.env._X_AMZN_TRACE_ID;
  });

  it('the first invocation of a container is the cold start, the next ones are not; each line carries its own request and trace', async () => {
    // Prepare
    const lines: Record<string, unknown>[] = [];
    const log = createLogger('info', { route: 'POST /orgs' }, (l) => lines.push(JSON.parse(l)), invocationFields);
    const handler = withInvocationLog(async (event: { n: number }) => {
      log.info('request done', { n: event.n });
      return event.n;
    });

    // Act
    process.env._X_AMZN_TRACE_ID = 'Root=1-67890abc-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1';
    await handler({ n: 1 }, context('req-1'));
    process.env._X_AMZN_TRACE_ID = 'Root=1-67890abd-fedcba9876543210fedcba98;Parent=53995c3f42cd8ad9;Sampled=0';
    await handler({ n: 2 }, context('req-2'));

    // Assess
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'request done',
        function: 'org-invitations-prod-InviteMembers',
        requestId: 'req-1',
        coldStart: true,
        traceId: expect.stringContaining('Root=1-67890abc'),
        route: 'POST /orgs',
        n: 1,
      }),
      expect.objectContaining({
        function: 'org-invitations-prod-InviteMembers',
        requestId: 'req-2',
        coldStart: false,
        traceId: expect.stringContaining('Root=1-67890abd'),
        n: 2,
      }),
    ]);
  });

  it('a line written outside an invocation (the local server) carries none of them', () => {
    const lines: Record<string, unknown>[] = [];
    createLogger('info', {}, (l) => lines.push(JSON.parse(l))).info('local');
    expect(Object.keys(lines[0] ?? {}).sort()).toEqual(['level', 'msg', 'time']);
  });
});
