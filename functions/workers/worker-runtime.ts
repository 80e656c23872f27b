import { AwsScheduler } from '../../shared/adapters/scheduler/aws-scheduler.ts';
import { SesMailer } from '../../shared/adapters/ses/mailer.ts';
import type { WorkerDeps } from '../../shared/domain/invitations/on-invitation-change.ts';
import type { Mailer, Scheduler } from '../../shared/ports.ts';
import { runtime } from '../http/deps.ts';

let mailer: Mailer | undefined;
let scheduler: Scheduler | undefined;

/**
 * Workers need the mailer and the scheduler on top of the API's deps; only they import the SES and
 * Scheduler clients, so API functions stay small.
 */
export function workerDeps(): WorkerDeps {
  const { deps, config } = runtime();
  mailer ??= new SesMailer({
    region: config.AWS_REGION,
    from: config.SENDER_EMAIL,
    ...(config.SES_ENDPOINT ? { endpoint: config.SES_ENDPOINT } : {}),
    ...(config.SES_CONFIGURATION_SET ? { configurationSet: config.SES_CONFIGURATION_SET } : {}),
  });
  scheduler ??= awsScheduler(config);
  return { ...deps, mailer, scheduler };
}

function awsScheduler(config: ReturnType<typeof runtime>['config']): Scheduler {
  const { SCHEDULE_GROUP: groupName, REMINDER_TARGET_ARN: targetArn, SCHEDULER_ROLE_ARN: roleArn } = config;
  if (!groupName || !targetArn || !roleArn) {
    throw new Error('SCHEDULE_GROUP, REMINDER_TARGET_ARN and SCHEDULER_ROLE_ARN are required by the dispatcher');
  }
  return new AwsScheduler({
    region: config.AWS_REGION, groupName, targetArn, roleArn,
    ...(config.SCHEDULER_DLQ_ARN ? { deadLetterArn: config.SCHEDULER_DLQ_ARN } : {}),
  });
}

export function installMailer(m: Mailer): void {
  mailer = m;
}

/** The local stack installs its table-backed scheduler before the dispatcher first runs. */
export function installScheduler(s: Scheduler): void {
  scheduler = s;
}
