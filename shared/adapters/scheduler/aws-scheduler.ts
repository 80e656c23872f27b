import { CreateScheduleCommand, DeleteScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import type { ScheduledJob, Scheduler } from '../../ports.ts';

export interface SchedulerSettings {
  region: string;
  /** The stack's schedule group (one per stage), so schedules of two stages never meet. */
  groupName: string;
  /** The reminder function; the role may invoke only it. */
  targetArn: string;
  roleArn: string;
  /** Where a firing goes when the target cannot be invoked after the retry policy. */
  deadLetterArn?: string;
}

/** at() takes the instant without milliseconds and without a zone; the zone is given separately. */
export const atExpression = (at: Date) => `at(${at.toISOString().slice(0, 19)})`;

/** EventBridge Scheduler: one one-time schedule per job, deleted by the service after it fires. */
export class AwsScheduler implements Scheduler {
  constructor(
    private readonly s: SchedulerSettings,
    private readonly client: SchedulerClient = new SchedulerClient({ region: s.region }),
  ) {}

  async scheduleOnce(schedule: { name: string; at: Date; job: ScheduledJob }): Promise<void> {
    try {
      await this.client.send(
        new CreateScheduleCommand({
          Name: schedule.name,
          GroupName: this.s.groupName,
          ScheduleExpression: atExpression(schedule.at),
          ScheduleExpressionTimezone: 'UTC',
          // exactly at the time: a reminder is already "hours before", there is no batching to gain
          FlexibleTimeWindow: { Mode: 'OFF' },
          // a fired one-time schedule is garbage otherwise (and counts against the account's quota)
          ActionAfterCompletion: 'DELETE',
          State: 'ENABLED',
          Target: {
            Arn: this.s.targetArn,
            RoleArn: this.s.roleArn,
            Input: JSON.stringify(schedule.job),
            ...(this.s.deadLetterArn ? { DeadLetterConfig: { Arn: this.s.deadLetterArn } } : {}),
          },
        }),
      );
    } catch (error) {
      // The name is derived from the invitation: a conflict means a retried record already created it.
      if ((error as { name?: string }).name !== 'ConflictException') throw error;
    }
  }

  async cancel(name: string): Promise<void> {
    try {
      await this.client.send(new DeleteScheduleCommand({ Name: name, GroupName: this.s.groupName }));
    } catch (error) {
      // already fired (ActionAfterCompletion DELETE), cancelled before, or never created
      if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw error;
    }
  }
}
