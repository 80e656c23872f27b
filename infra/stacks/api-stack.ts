import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, NestedStack, RemovalPolicy, type StackProps } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as events from 'aws-cdk-lib/aws-events';
import { LambdaFunction as LambdaTarget } from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { type PeriodicJobKind, periodicJobs } from '../../functions/workers/periodic-jobs.ts';
import { itemTypes } from '../../shared/db/table.ts';
import { ApiEdge } from '../constructs/api-edge.ts';
import { ApiFunction } from '../constructs/api-function.ts';
import { Monitoring } from '../constructs/monitoring.ts';
import type { DeploySettings } from '../settings.ts';
import { type ApiWeb, addHttpApi } from './api-http.ts';
import { type AreaClass, nested, type StackBase, topLevel } from './area.ts';
import type { DataStack } from './data-stack.ts';

const fromRoot = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

export interface ApiStackProps extends StackProps {
  settings: DeploySettings;
  data: DataStack;
  /** The web app (web-stack.ts): its accept page is the email link, its origins the CORS allow list, its client an audience. */
  web: ApiWeb;
  /** With context apiWafRateLimit: the web ACL (firewall-stack.ts, us-east-1) the API's edge is associated with. */
  webAclArn?: string;
}

/**
 * The stateless half: code and wiring, safe to destroy and redeploy. One function per route of
 * functions/http/routes.ts, the stream workers, SES events, reminders, alarms.
 */
function apiArea<B extends StackBase>(Base: B) {
  return class ApiStack extends Base {
    readonly api: apigw.HttpApi;
    /** What clients call (output ApiUrl): the edge's URL when there is one, else the stage's. */
    readonly url: string;
    /** The same without the trailing slash: the web app's config.json `apiUrl`. */
    readonly endpoint: string;
    /** CloudFront and AWS WAF in front of the API, with context apiWafRateLimit (docs/adr/api-edge-waf.md). */
    readonly edge?: ApiEdge;
    readonly routeFunctions: Record<string, ApiFunction>;
    readonly monitoring: Monitoring;
    /** The alarms, their topic and the dashboard: a nested stack of this one (docs/adr/room-to-grow.md). */
    readonly monitoringStack: NestedStack;
    readonly workers: { dispatcher: ApiFunction; reminder: ApiFunction; deliveryEvents: ApiFunction; eventPublisher: ApiFunction };

    // biome-ignore lint/suspicious/noExplicitAny: TypeScript requires a mixin's constructor to take any[]
    constructor(...args: any[]) {
      super(...args);
      const props = args[2] as ApiStackProps;
      const { settings, data, web } = props;
      const prod = !settings.sandbox;
      const logRetention = prod ? RetentionDays.THREE_MONTHS : RetentionDays.ONE_WEEK;
      // production keeps logs, the topic key and pending reminder schedules if the stack is destroyed
      const removalPolicy = prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
      const name = (what: string) => `org-invitations-${settings.stage}-${what}`;

      // One customer managed key for the SNS topics: SES and CloudWatch can publish to an encrypted topic
      // only if the key policy lets them, which the AWS managed SNS key never does.
      const topicKey = new kms.Key(this, 'TopicKey', {
        description: `Encrypts the SNS topics of org-invitations ${settings.stage}`,
        enableKeyRotation: true,
        removalPolicy,
        // KMS deletes a key only after a waiting period; a sandbox's goes after the shortest one
        ...(prod ? {} : { pendingWindow: Duration.days(7) }),
      });

      const configurationSet = new ses.ConfigurationSet(this, 'Emails', {
        configurationSetName: name('emails'),
        reputationMetrics: true,
        suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      });

      const runtimeEnv = {
        SENDER_EMAIL: settings.senderEmail,
        ACCEPT_URL_BASE: web.acceptUrlBase,
        SES_CONFIGURATION_SET: configurationSet.configurationSetName,
        LOG_LEVEL: 'info',
        ...(settings.plans ? { PLANS: settings.plans } : {}),
      };
      // The link secret only where it is used: the dispatcher (it signs the links it emails) and the
      // routes whose table entry says access.linkSecret.
      const fn = (fnId: string, entry: string, extra: Partial<ConstructorParameters<typeof ApiFunction>[2]> = {}, linkSecret = false) =>
        new ApiFunction(this, fnId, {
          entry: fromRoot(entry),
          ...(linkSecret ? { linkSecret: data.linkSecret } : {}),
          logRetention,
          logRemovalPolicy: removalPolicy,
          tracing: settings.tracing,
          ...extra,
          environment: { ...runtimeEnv, ...extra.environment },
        });

      // ---- HTTP API: one route and one function per entry of the route table (api-http.ts)
      const http = addHttpApi(this, { settings, data, web, fn, name, logRetention, removalPolicy });
      this.api = http.api;
      const stage = http.stage;
      this.routeFunctions = http.routeFunctions;
      const backendClient = http.backendClient;

      // ---- Sending email: only from the sender identity, only through the configuration set
      const sendEmail = new iam.PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          data.senderIdentity.emailIdentityArn,
          this.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: configurationSet.configurationSetName }),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': settings.senderEmail } },
      });

      // ---- Reminders: EventBridge Scheduler calls the reminder function, nothing else
      // It only marks the invitation (reminded / expired); the dispatcher sends the email from that change.
      const reminder = fn('Reminder', 'functions/workers/reminder.ts', { description: 'EventBridge Scheduler target: reminder and expiry jobs' }).bindTable({
        table: data.table,
        access: 'write',
      });
      const scheduleGroup = new scheduler.ScheduleGroup(this, 'Reminders', {
        scheduleGroupName: name('reminders'),
        removalPolicy,
      });
      const schedulerRole = new iam.Role(this, 'SchedulerRole', {
        description: 'Assumed by EventBridge Scheduler to invoke the reminder function',
        assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
          conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
        }),
      });
      schedulerRole.addToPolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [reminder.functionArn] }));
      // Scheduler writes failed invocations to the DLQ with this role
      schedulerRole.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [data.schedulerDlq.queueArn] }));
      // The reminder function's periodic jobs (functions/workers/periodic-jobs.ts, which the local stack
      // runs on timers too), each by a plain EventBridge rule, not the Scheduler whose refusals one of them
      // retries. Typed by the job's kind: a job added there without a rule here does not compile.
      const periodicRules: Record<PeriodicJobKind, { id: string; what: string }> = {
        // invitations' and members' schedules the Scheduler refused: the job touches them, the dispatcher creates the schedules
        'retry-schedules': { id: 'RetrySchedules', what: 'ask the dispatcher to create the schedules the Scheduler refused' },
        // deleted orgs whose cleanup's stream record was given up (DLQ): the job touches the tombstone and the cleanup runs again
        'resume-org-deletions': {
          id: 'ResumeOrgDeletions',
          what: 'ask the dispatcher to resume the cleanup of deleted orgs whose stream record was given up',
        },
      };
      for (const job of periodicJobs) {
        const rule = periodicRules[job.event.kind];
        new events.Rule(this, rule.id, {
          description: `Every ${job.everyMinutes} minutes: ${rule.what}`,
          schedule: events.Schedule.rate(Duration.minutes(job.everyMinutes)),
          targets: [new LambdaTarget(reminder, { event: events.RuleTargetInput.fromObject(job.event), retryAttempts: 2 })],
        });
      }

      // ---- The outbox dispatcher: stream -> emails and reminder schedules
      // The account's SES rate is shared by every dispatcher instance (one per busy stream shard): with
      // a reserved concurrency of N, each sends at rate / N, so all of them together stay within it
      // (docs/deploy.md, SES pacing). Unreserved (a sandbox's default), the rate holds per instance.
      const reserved = settings.dispatcherConcurrency === 'unreserved' ? undefined : settings.dispatcherConcurrency;
      const dispatcherInstances = reserved ?? 1;
      const sendRate = settings.sesMaxSendRate / dispatcherInstances;
      // a full batch is sent within half the 60 s timeout, whatever the rate: 25 records, fewer below 1 a second
      const dispatcherBatch = Math.max(1, Math.min(25, Math.floor(sendRate * 30)));
      const dispatcher = fn(
        'Dispatcher',
        'functions/workers/dispatcher.ts',
        {
          description: 'DynamoDB stream consumer: sends invitation emails, schedules reminders',
          timeout: Duration.seconds(60),
          ...(reserved ? { reservedConcurrency: reserved } : {}),
          environment: {
            SCHEDULE_GROUP: scheduleGroup.scheduleGroupName,
            REMINDER_TARGET_ARN: reminder.functionArn,
            SCHEDULER_ROLE_ARN: schedulerRole.roleArn,
            SCHEDULER_DLQ_ARN: data.schedulerDlq.queueArn,
            // this instance's share of the account's SES send rate (docs/deploy.md, SES pacing): a batch of
            // 25 at 1 a second is 25 s
            SES_MAX_SEND_RATE: String(sendRate),
          },
        },
        true,
      ).bindTable({ table: data.table, access: 'write' });
      dispatcher.addToRolePolicy(sendEmail);
      dispatcher.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'],
          resources: [this.formatArn({ service: 'scheduler', resource: 'schedule', resourceName: `${scheduleGroup.scheduleGroupName}/*` })],
        }),
      );
      dispatcher.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['iam:PassRole'],
          resources: [schedulerRole.roleArn],
          conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
        }),
      );
      dispatcher.addEventSource(
        new DynamoEventSource(data.table, {
          // TRIM_HORIZON: an item written while the mapping is (re)created is still emailed
          startingPosition: StartingPosition.TRIM_HORIZON,
          batchSize: dispatcherBatch,
          maxBatchingWindow: Duration.seconds(1),
          bisectBatchOnError: true,
          // a record that keeps failing holds back its shard: give up after 10 tries or an hour, into the DLQ
          retryAttempts: 10,
          maxRecordAge: Duration.hours(1),
          reportBatchItemFailures: true,
          onFailure: new SqsDlq(data.dispatcherDlq),
        }),
      );

      // ---- SES events: bounces, complaints, deliveries -> SNS -> delivery-events function
      const deliveryEvents = fn('DeliveryEvents', 'functions/workers/delivery-events.ts', {
        description: 'SES configuration set events (bounce, complaint, delivery) via SNS',
        // the sender reputation guard runs here (shared/domain/orgs/sending-guard.ts)
        ...(settings.sendingGuard ? { environment: { SENDING_GUARD: settings.sendingGuard } } : {}),
      }).bindTable({ table: data.table, access: 'write' });
      deliveryEvents.configureAsyncInvoke({ retryAttempts: 2, onFailure: new SqsDestination(data.deliveryEventsDlq) });
      const sesEvents = new sns.Topic(this, 'SesEvents', { masterKey: topicKey, enforceSSL: true, displayName: name('ses-events') });
      topicKey.addToResourcePolicy(
        new iam.PolicyStatement({
          principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
          actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
        }),
      );
      sesEvents.addSubscription(new LambdaSubscription(deliveryEvents));
      configurationSet.addEventDestination('ToDeliveryEvents', {
        destination: ses.EventDestination.snsTopic(sesEvents),
        // SEND confirms a send claim when the dispatcher died between SES and its own mark (send-once.ts)
        events: [ses.EmailSendingEvent.SEND, ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT, ses.EmailSendingEvent.DELIVERY],
      });

      // ---- Integration events: audit events -> the stack's event bus
      const eventPublisher = new ApiFunction(this, 'EventPublisher', {
        entry: fromRoot('functions/workers/event-publisher.ts'),
        description: 'Publishes audit events to EventBridge; business metrics (EMF)',
        timeout: Duration.seconds(30),
        logRetention,
        logRemovalPolicy: removalPolicy,
        tracing: settings.tracing,
        environment: { EVENT_BUS_NAME: data.bus.eventBusName, LOG_LEVEL: 'info' },
      });
      data.bus.grantPutEventsTo(eventPublisher);
      eventPublisher.addEventSource(
        new DynamoEventSource(data.table, {
          startingPosition: StartingPosition.TRIM_HORIZON,
          batchSize: 100,
          maxBatchingWindow: Duration.seconds(1),
          bisectBatchOnError: true,
          retryAttempts: 10,
          maxRecordAge: Duration.hours(6),
          reportBatchItemFailures: true,
          onFailure: new SqsDlq(data.publisherDlq),
          // Lambda filters before invoking: only new audit events, and invitations whose delivery status
          // is one the metrics count (the function compares old and new status itself)
          filters: [
            FilterCriteria.filter({ eventName: FilterRule.isEqual('INSERT'), dynamodb: { NewImage: { entity: { S: FilterRule.isEqual(itemTypes.audit) } } } }),
            FilterCriteria.filter({
              eventName: FilterRule.isEqual('MODIFY'),
              dynamodb: {
                NewImage: {
                  entity: { S: FilterRule.isEqual(itemTypes.invitation) },
                  delivery: { M: { status: { S: FilterRule.or('sent', 'failed', 'bounced', 'complained') } } },
                },
              },
            }),
          ],
        }),
      );

      this.workers = { dispatcher, reminder, deliveryEvents, eventPublisher };

      // ---- Alarms, the topic they notify and the dashboard (infra/constructs/monitoring.ts), in a nested
      // stack: its 13 resources do not count against this stack's 500, which the routes need
      // (docs/adr/room-to-grow.md). What it reads of this stack reaches it as parameters, not exports,
      // so removing a route never waits on an import.
      this.monitoringStack = new NestedStack(this, 'Alarms', { description: `org-invitations ${settings.stage}: alarms, their topic and the dashboard` });
      this.monitoring = new Monitoring(this.monitoringStack, 'Monitoring', {
        name: name('alarms'),
        topicKey,
        alarmEmail: settings.alarmEmail,
        dashboard: settings.dashboard,
        api: this.api,
        deadLetterQueues: {
          dispatcher: data.dispatcherDlq,
          publisher: data.publisherDlq,
          reminders: data.schedulerDlq,
          deliveryEvents: data.deliveryEventsDlq,
        },
        streamConsumers: { dispatcher, eventPublisher },
        ...(reserved ? { pacedFunctions: [dispatcher] } : {}),
        functions: { ...this.routeFunctions, Dispatcher: dispatcher, Reminder: reminder, DeliveryEvents: deliveryEvents, EventPublisher: eventPublisher },
      });

      // ---- The edge: the per-IP limits of AWS WAF need CloudFront in front (docs/adr/api-edge-waf.md)
      if (props.webAclArn) {
        this.edge = new ApiEdge(this, 'Edge', { api: this.api, webAclArn: props.webAclArn, comment: `org-invitations ${settings.stage} API (AWS WAF)` });
      }

      // ---- Outputs
      this.endpoint = this.edge ? this.edge.url : this.api.apiEndpoint;
      this.url = this.edge ? `${this.edge.url}/` : stage.url;
      new CfnOutput(this, 'ApiUrl', { value: this.url });
      if (this.edge) {
        new CfnOutput(this, 'OriginUrl', {
          value: stage.url,
          description: 'The execute-api URL behind the edge: still reachable, and not rate limited per IP; not for clients',
        });
      }
      new CfnOutput(this, 'TableName', { value: data.table.tableName });
      new CfnOutput(this, 'EventBusName', { value: data.bus.eventBusName });
      new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.topic.topicArn });
      if (this.monitoring.dashboard) new CfnOutput(this, 'DashboardName', { value: this.monitoring.dashboard.dashboardName });
      if (data.userPool && data.userPoolClient) {
        new CfnOutput(this, 'UserPoolId', { value: data.userPool.userPoolId });
        new CfnOutput(this, 'UserPoolClientId', { value: data.userPoolClient.userPoolClientId });
      }
      // the deployer's backend: its secret is read from Cognito (describe-user-pool-client), never output
      if (backendClient) new CfnOutput(this, 'BackendClientId', { value: backendClient.userPoolClientId });
    }
  };
}

/** The Api area as a stack of its own, and as a nested stack (infra/stacks/area.ts). */
export type ApiStack = InstanceType<ReturnType<typeof apiArea<StackBase>>>;
export const ApiStack: AreaClass<ApiStackProps, ApiStack> = apiArea(topLevel);
export const NestedApiStack: AreaClass<ApiStackProps, ApiStack> = apiArea(nested);
