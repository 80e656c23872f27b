import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../../shared/metrics.ts';

export interface MonitoringProps {
  /** The alarm topic's display name. */
  name: string;
  /** The key that encrypts the topic; CloudWatch is allowed to use it for this account. */
  topicKey: kms.Key;
  /** Subscribed to the topic when given (the subscription must be confirmed from the email). */
  alarmEmail?: string | undefined;
  /** Also create the dashboard ($3 a month beyond an account's first three dashboards). */
  dashboard: boolean;
  api: apigw.IHttpApi;
  deadLetterQueues: Record<string, sqs.IQueue>;
  streamConsumers: Record<string, IFunction>;
  /** Only for the dashboard's per-function graphs; no alarm is made per function. */
  functions: Record<string, IFunction>;
  /**
   * Functions that a reserved concurrency throttles on purpose (the dispatcher, to share the SES send
   * rate: docs/deploy.md, SES pacing). Their throttles are left out of LambdaThrottles, which would
   * otherwise fire whenever more orgs send at once than the dispatcher has instances; StreamIteratorAge
   * still says when they fall behind.
   */
  pacedFunctions?: IFunction[];
}

/** Runbook anchors in docs/deploy.md: each alarm's description points at what to do. */
const runbook = (anchor: string) => `Runbook: docs/deploy.md#${anchor}`;

/** The worst of several series, so one alarm covers every queue or consumer, and a new one needs no alarm of its own. */
const worstOf = (idPrefix: string, metrics: cloudwatch.IMetric[], label: string) => {
  const usingMetrics = Object.fromEntries(metrics.map((m, i) => [`${idPrefix}${i}`, m]));
  return new cloudwatch.MathExpression({ expression: `MAX([${Object.keys(usingMetrics).join(', ')}])`, usingMetrics, label, period: Duration.minutes(5) });
};

/**
 * The alarms on the signals that matter, one alarm each, and the topic they notify (it always exists,
 * so a subscription can be added at any time, by email or otherwise). An alarm is billed per metric it
 * reads ($0.10 a month each): seven alarms over thirteen metrics cost $1.30 a month, where an errors and a
 * throttles alarm per function cost about $8 (79 alarms) and grew with every route. A failing route
 * shows as the API's 5xx rate; a failing worker as dead letters or stream iterator age; a throttled
 * function as the account's Throttles metric (the concurrency quota is the account's, not a function's).
 */
export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: Record<string, cloudwatch.Alarm> = {};
  readonly dashboard?: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { masterKey: props.topicKey, enforceSSL: true, displayName: props.name });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    props.topicKey.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': props.api.stack.account } },
      }),
    );
    const action = new SnsAction(this.topic);
    const alarm = (
      alarmId: string,
      metric: cloudwatch.Metric | cloudwatch.MathExpression,
      o: Omit<cloudwatch.CreateAlarmOptions, 'treatMissingData' | 'comparisonOperator'> & { comparisonOperator?: cloudwatch.ComparisonOperator },
    ) => {
      const a = metric.createAlarm(this, alarmId, {
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        // no data is no traffic, which is healthy
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        ...o,
      });
      a.addAlarmAction(action);
      a.addOkAction(action);
      this.alarms[alarmId] = a;
      return a;
    };

    const apiMetric = (metricName: string, statistic = 'Sum') =>
      new cloudwatch.Metric({
        namespace: 'AWS/ApiGateway',
        metricName,
        dimensionsMap: { ApiId: props.api.apiId, Stage: '$default' },
        statistic,
        period: Duration.minutes(1),
      });
    const api5xxRate = new cloudwatch.MathExpression({
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: { errors: apiMetric('5xx'), requests: apiMetric('Count') },
      label: 'API 5xx rate (%)',
      period: Duration.minutes(1),
    });
    alarm('Api5xxRate', api5xxRate, {
      alarmDescription: `More than 5% of API requests answered 5xx in 3 of the last 5 minutes. ${runbook('api5xxrate')}`,
      threshold: 5,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    });

    const accountThrottles = new cloudwatch.Metric({ namespace: 'AWS/Lambda', metricName: 'Throttles', statistic: 'Sum', period: Duration.minutes(5) });
    const paced = (props.pacedFunctions ?? []).map((fn) => fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }));
    const throttles =
      paced.length === 0
        ? accountThrottles
        : new cloudwatch.MathExpression({
            // a paced function without throttles has no data: FILL makes that 0 instead of hiding the account's
            expression: `account - (${paced.map((_, i) => `FILL(paced${i}, 0)`).join(' + ')})`,
            usingMetrics: { account: accountThrottles, ...Object.fromEntries(paced.map((m, i) => [`paced${i}`, m])) },
            label: "Lambda throttles, except paced functions' own",
            period: Duration.minutes(5),
          });
    alarm('LambdaThrottles', throttles, {
      alarmDescription: `Lambda refused invocations in this account and region: the concurrency quota reached (the dispatcher's pacing throttles do not count). ${runbook('lambdathrottles')}`,
      threshold: 1,
      evaluationPeriods: 1,
    });

    const dlqMetrics = Object.entries(props.deadLetterQueues).map(([name, q]) =>
      q.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum', label: name }),
    );
    const deadLetters = worstOf('q', dlqMetrics, 'Messages in dead-letter queues (deepest)');
    alarm('DeadLetters', deadLetters, {
      alarmDescription: `A dead-letter queue holds messages: something was given up on (an email, a reminder, an event, a delivery status). ${runbook('deadletters')}`,
      threshold: 1,
      evaluationPeriods: 1,
    });

    const ageMetrics = Object.entries(props.streamConsumers).map(([name, f]) =>
      f.metric('IteratorAge', { period: Duration.minutes(5), statistic: 'Maximum', label: name }),
    );
    const iteratorAge = worstOf('s', ageMetrics, 'Stream iterator age, ms (oldest)');
    alarm('StreamIteratorAge', iteratorAge, {
      alarmDescription: `A stream consumer is more than 5 minutes behind the table: emails and events are late. ${runbook('streamiteratorage')}`,
      threshold: 300_000,
      evaluationPeriods: 2,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    });

    // SES reviews an account at a 5% bounce rate or 0.1% complaint rate and may pause sending at 10% / 0.5%:
    // alarm at the review thresholds, while there is time to act.
    const reputation = (metricName: string) => new cloudwatch.Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1) });
    alarm('EmailBounceRate', reputation('Reputation.BounceRate'), {
      alarmDescription: `The account's SES bounce rate reached 5% (SES reviews the account; at 10% it may pause sending). ${runbook('emailbouncerate')}`,
      threshold: 0.05,
      evaluationPeriods: 1,
    });
    alarm('EmailComplaintRate', reputation('Reputation.ComplaintRate'), {
      alarmDescription: `The account's SES complaint rate reached 0.1% (SES reviews the account; at 0.5% it may pause sending). ${runbook('emailcomplaintrate')}`,
      threshold: 0.001,
      evaluationPeriods: 1,
    });

    // what our functions count in EMF, summed per 5 minutes
    const counted = (metricName: string, service: string) =>
      new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap: { service }, statistic: 'Sum', period: Duration.minutes(5) });

    // The dispatcher's EMF metric: reminder/expiry schedules the Scheduler refused. The email went out
    // regardless; the invitations show schedules.status=failed and a rule retries them every 5 minutes.
    alarm('ScheduleFailures', counted('ScheduleFailures', 'dispatcher'), {
      alarmDescription: `EventBridge Scheduler refused reminder/expiry schedules (emails are not affected; the schedules are retried every 5 minutes). ${runbook('schedulefailures')}`,
      threshold: 1,
      evaluationPeriods: 1,
    });

    // The delivery-events worker's EMF metric: the sender reputation guard paused an org (one per pause:
    // the pause is a conditional write). The org's emails wait for the operator's resume.
    alarm('SendingPaused', counted('SendingPaused', 'delivery-events'), {
      alarmDescription: `An org's bounce or complaint rate passed the sender reputation guard's threshold: its invitation emails are held until an operator resumes it. ${runbook('sendingpaused')}`,
      threshold: 1,
      evaluationPeriods: 1,
    });

    if (!props.dashboard) return;
    const business = (metricName: string) => counted(metricName, 'event-publisher');
    const fnMetric = (metricName: string, statistic: string) =>
      Object.entries(props.functions).map(([name, f]) => f.metric(metricName, { statistic, period: Duration.minutes(5), label: name }));
    // Named `-health`, not the stage's bare name it had until the alarms moved to a nested stack: an
    // upgrade creates the new dashboard before it deletes the old one, and deleting a dashboard goes by name.
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: props.name.replace(/-alarms$/, '-health') });
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: Object.values(this.alarms), width: 24, height: 3 }),
      new cloudwatch.GraphWidget({ title: 'API requests, 4xx, 5xx', left: [apiMetric('Count'), apiMetric('4xx'), apiMetric('5xx')], width: 8 }),
      new cloudwatch.GraphWidget({ title: 'API 5xx rate (%)', left: [api5xxRate], leftAnnotations: [{ value: 5 }], width: 8 }),
      new cloudwatch.GraphWidget({ title: 'API latency p95 (ms)', left: [apiMetric('Latency', 'p95'), apiMetric('IntegrationLatency', 'p95')], width: 8 }),
      new cloudwatch.GraphWidget({
        title: 'Lambda throttles and concurrency (account)',
        left: [accountThrottles],
        right: [new cloudwatch.Metric({ namespace: 'AWS/Lambda', metricName: 'ConcurrentExecutions', statistic: 'Maximum', period: Duration.minutes(5) })],
        width: 8,
      }),
      new cloudwatch.GraphWidget({ title: 'Dead-letter queues', left: dlqMetrics, width: 8 }),
      new cloudwatch.GraphWidget({ title: 'Stream iterator age (ms)', left: ageMetrics, width: 8 }),
      new cloudwatch.GraphWidget({
        title: 'SES bounce and complaint rate',
        left: [reputation('Reputation.BounceRate'), reputation('Reputation.ComplaintRate')],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Invitations sent, accepted, delivery failures',
        left: [business('InvitationsSent'), business('InvitationsAccepted'), business('DeliveryFailures')],
        width: 8,
      }),
      new cloudwatch.GraphWidget({ title: 'Function errors', left: fnMetric('Errors', 'Sum'), legendPosition: cloudwatch.LegendPosition.RIGHT, width: 8 }),
    );
  }
}
