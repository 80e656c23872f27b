import { ConflictException, type CreateScheduleCommandInput, ResourceNotFoundException, SchedulerClient, ValidationException } from '@aws-sdk/client-scheduler';
import { describe, expect, it } from 'vitest';
import { AwsScheduler, atExpression } from '../../shared/adapters/scheduler/aws-scheduler.ts';

const settings = {
  region: 'eu-west-1',
  groupName: 'org-invitations-prod',
  targetArn: 'arn:aws:lambda:eu-west-1:123456789012:function:reminder',
  roleArn: 'arn:aws:iam::123456789012:role/scheduler-invoke-reminder',
  deadLetterArn: 'arn:aws:sqs:eu-west-1:123456789012:reminder-dlq',
};

/**
 * A real SchedulerClient whose requests stop at the first middleware step: the test sees the exact
 * command input the adapter built, and nothing leaves the process.
 */
function recordingClient(fail?: Error) {
  const client = new SchedulerClient({ region: settings.region, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  const sent: { command: string; input: unknown }[] = [];
  client.middlewareStack.add(
    (_next, context) => async (args) => {
      sent.push({ command: String(context.commandName), input: args.input });
      if (fail) throw fail;
      return { output: { $metadata: {} }, response: {} } as never;
    },
    { step: 'initialize', name: 'recordAndStop' },
  );
  return { client, sent };
}

const job = { kind: 'reminder' as const, orgId: 'org_1', invitationId: 'inv_1' };

describe('the EventBridge Scheduler adapter', () => {
  it('creates a one-time schedule with the exact request: at() in UTC without milliseconds, no window, deleted after it fires', async () => {
    // Prepare
    const { client, sent } = recordingClient();
    const scheduler = new AwsScheduler(settings, client);

    // Act
    await scheduler.scheduleOnce({ name: 'reminder-inv_1', at: new Date('2026-03-05T09:07:03.999Z'), job });

    // Assess
    expect(sent).toEqual([
      {
        command: 'CreateScheduleCommand',
        input: {
          Name: 'reminder-inv_1',
          GroupName: 'org-invitations-prod',
          ScheduleExpression: 'at(2026-03-05T09:07:03)',
          ScheduleExpressionTimezone: 'UTC',
          FlexibleTimeWindow: { Mode: 'OFF' },
          ActionAfterCompletion: 'DELETE',
          State: 'ENABLED',
          Target: {
            Arn: settings.targetArn,
            RoleArn: settings.roleArn,
            Input: '{"kind":"reminder","orgId":"org_1","invitationId":"inv_1"}',
            DeadLetterConfig: { Arn: settings.deadLetterArn },
          },
        } satisfies CreateScheduleCommandInput,
      },
    ]);
  });

  it('writes the instant in UTC whatever the local time zone of the process', () => {
    expect(atExpression(new Date('2026-12-31T23:59:59.500+02:00'))).toBe('at(2026-12-31T21:59:59)');
  });

  it('leaves out the dead-letter queue when none is configured', async () => {
    const { client, sent } = recordingClient();
    const { deadLetterArn: _, ...noDlq } = settings;
    await new AwsScheduler(noDlq, client).scheduleOnce({ name: 'expiry-inv_1', at: new Date('2026-03-05T09:00:00Z'), job });
    expect((sent[0]!.input as CreateScheduleCommandInput).Target).not.toHaveProperty('DeadLetterConfig');
  });

  it('a retried create of the same name (ConflictException) is success: one schedule, not two', async () => {
    const { client } = recordingClient(
      new ConflictException({ message: 'Schedule reminder-inv_1 already exists.', Message: 'Schedule reminder-inv_1 already exists.', $metadata: {} }),
    );
    await expect(new AwsScheduler(settings, client).scheduleOnce({ name: 'reminder-inv_1', at: new Date(), job })).resolves.toBeUndefined();
  });

  it('other errors fail the call, so the stream record is retried', async () => {
    const { client } = recordingClient(new ValidationException({ message: 'bad', Message: 'bad', $metadata: {} }));
    await expect(new AwsScheduler(settings, client).scheduleOnce({ name: 'reminder-inv_1', at: new Date(), job })).rejects.toThrow('bad');
  });

  it('deletes by name in the stack group, and a schedule that is already gone is fine', async () => {
    // Prepare
    const { client, sent } = recordingClient(new ResourceNotFoundException({ message: 'Schedule not found', Message: 'Schedule not found', $metadata: {} }));

    // Act
    await new AwsScheduler(settings, client).cancel('reminder-inv_1');

    // Assess
    expect(sent).toEqual([{ command: 'DeleteScheduleCommand', input: { Name: 'reminder-inv_1', GroupName: 'org-invitations-prod' } }]);
  });
});
