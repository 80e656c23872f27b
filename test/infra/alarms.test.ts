import type { Template } from 'aws-cdk-lib/assertions';
import { Match } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { resourcesOf, SYNTH_TIMEOUT, synth, synthOnce } from './synth.ts';

let s: ReturnType<typeof synth>;
let api: Template;
/** The alarms, their topic and the dashboard: the Api stack's nested stack. */
let monitoring: Template;

// no cdk-nag here: stack.test.ts runs it
synthOnce((r) => {
  s = r;
  api = r.api;
  monitoring = r.monitoring;
});

describe('alarms', () => {
  const alarms = () =>
    Object.entries(resourcesOf(monitoring, 'AWS::CloudWatch::Alarm')).map(
      ([id, a]) => ({ ...(a.Properties as Record<string, unknown>), id }) as Record<string, unknown> & { id: string },
    );
  const byName = (name: string) => {
    const found = alarms().filter((a) => a.id.includes(`Monitoring${name}`));
    expect(found, name).toHaveLength(1);
    return found[0] as Record<string, unknown>;
  };
  /**
   * An alarm's metrics with each reference to the Api stack resolved: the nested stack receives them as
   * parameters, which the Api stack sets from its own resources (`{ Ref: <function's logical id> }`).
   */
  const inParent = (value: unknown) => {
    const nestedStack = Object.values(resourcesOf(api, 'AWS::CloudFormation::Stack'))[0];
    const passed = (nestedStack?.Properties?.Parameters ?? {}) as Record<string, unknown>;
    return JSON.stringify(value).replace(/\{"Ref":"(\w+)"\}/g, (ref, name: string) => (name in passed ? JSON.stringify(passed[name]) : ref));
  };
  /** What CloudWatch bills an alarm by: each metric it reads, $0.10 a month (docs/cost.md). */
  const metricsRead = (a: Record<string, unknown>) =>
    Array.isArray(a.Metrics) ? (a.Metrics as { MetricStat?: unknown }[]).filter((m) => m.MetricStat).length : 1;

  it('one alarm per signal that matters, not one per function: 8 alarms reading 14 metrics, whatever the number of routes', () => {
    expect(
      alarms()
        .map((a) => a.id.replace(/^Monitoring|[0-9A-F]{8}$/g, ''))
        .sort(),
    ).toEqual(
      [
        'Api5xxRate',
        'DeadLetters',
        'EmailBounceRate',
        'EmailComplaintRate',
        'LambdaThrottles',
        'ScheduleFailures',
        'SendingPaused',
        'StreamIteratorAge',
      ].sort(),
    );
    expect(alarms().reduce((n, a) => n + metricsRead(a), 0)).toBe(14);
    expect(alarms().some((a) => a.Namespace === 'AWS/Lambda' && a.MetricName === 'Errors')).toBe(false);
  });

  it('a schedule the Scheduler refused raises an alarm, and a rule retries such schedules every 5 minutes through the reminder function', () => {
    expect(alarms().find((a) => a.MetricName === 'ScheduleFailures')).toMatchObject({
      Namespace: 'OrgInvitations',
      Dimensions: [{ Name: 'service', Value: 'dispatcher' }],
      Threshold: 1,
    });
    const reminderId = s.stacks.api.getLogicalId(s.stacks.api.workers.reminder.node.defaultChild as CfnFunction);
    api.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [reminderId, 'Arn'] }, Input: JSON.stringify({ kind: 'retry-schedules' }) })],
    });
  });

  it('a rule resumes every 15 minutes the deleted orgs whose cleanup stalled, through the reminder function', () => {
    const reminderId = s.stacks.api.getLogicalId(s.stacks.api.workers.reminder.node.defaultChild as CfnFunction);
    api.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(15 minutes)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [reminderId, 'Arn'] }, Input: JSON.stringify({ kind: 'resume-org-deletions' }) })],
    });
  });

  it("an org paused by the sender reputation guard raises an alarm (the delivery-events worker's metric)", () => {
    expect(byName('SendingPaused')).toMatchObject({
      Namespace: 'OrgInvitations',
      MetricName: 'SendingPaused',
      Dimensions: [{ Name: 'service', Value: 'delivery-events' }],
      Threshold: 1,
      Statistic: 'Sum',
    });
    expect(String(byName('SendingPaused').AlarmDescription)).toContain('#sendingpaused');
  });

  it('the API alarms on a 5xx rate above 5%', () => {
    const rate = byName('Api5xxRate');
    expect(rate).toMatchObject({ Threshold: 5, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 5, DatapointsToAlarm: 3 });
    expect(JSON.stringify(rate.Metrics)).toMatch(/"MetricName":"5xx".*"MetricName":"Count"/);
  });

  it('one alarm watches the depth of every dead-letter queue', () => {
    const dead = byName('DeadLetters');
    const queues = JSON.stringify(dead.Metrics);
    expect(queues).toMatch(/DispatcherFailures.*PublisherFailures.*ReminderFailures.*DeliveryEventFailures/);
    expect(queues).toContain('ApproximateNumberOfMessagesVisible');
    expect(dead.Threshold).toBe(1);
  });

  it("throttles are the account's Lambda Throttles metric less the dispatcher's intended ones; iterator age covers both stream consumers", () => {
    // the dispatcher's reserved concurrency (SES pacing) throttles it on purpose: those do not page anyone
    type Query = { Id: string; Expression?: string; MetricStat?: { Metric: { MetricName: string; Dimensions?: { Name: string; Value: unknown }[] } } };
    const throttles = byName('LambdaThrottles');
    expect(throttles.Threshold).toBe(1);
    const queries = throttles.Metrics as Query[];
    const account = queries.find((q) => q.MetricStat?.Metric.MetricName === 'Throttles' && !q.MetricStat.Metric.Dimensions);
    const dispatcherId = s.stacks.api.getLogicalId(s.stacks.api.workers.dispatcher.node.defaultChild as CfnFunction);
    const dispatcher = queries.find((q) => inParent(q.MetricStat?.Metric.Dimensions ?? []).includes(`{"Ref":"${dispatcherId}"}`));
    expect(account).toBeDefined();
    expect(dispatcher?.MetricStat?.Metric.MetricName).toBe('Throttles');
    // no data from the dispatcher (no throttles) must count as 0, or the account's throttles would vanish with it
    expect(queries.find((q) => q.Expression)?.Expression).toBe(`${account?.Id} - (FILL(${dispatcher?.Id}, 0))`);
    const age = byName('StreamIteratorAge');
    expect(age.Threshold).toBe(300_000);
    const ids = [s.stacks.api.workers.dispatcher, s.stacks.api.workers.eventPublisher].map((f) =>
      s.stacks.api.getLogicalId(f.node.defaultChild as CfnFunction),
    );
    for (const id of ids) expect(inParent(age.Metrics)).toContain(`{"Ref":"${id}"}`);
  });

  it('email reputation alarms sit at the rates where SES reviews an account', () => {
    expect(byName('EmailBounceRate')).toMatchObject({ Namespace: 'AWS/SES', MetricName: 'Reputation.BounceRate', Threshold: 0.05 });
    expect(byName('EmailComplaintRate')).toMatchObject({ Namespace: 'AWS/SES', MetricName: 'Reputation.ComplaintRate', Threshold: 0.001 });
  });

  it(
    'the alarm topic always exists and every alarm notifies it (alarm and OK); an alarm email subscribes to it',
    () => {
      const topicId = Object.keys(resourcesOf(monitoring, 'AWS::SNS::Topic')).find((id) => id.startsWith('MonitoringTopic'));
      expect(topicId).toBeDefined();
      for (const a of alarms()) {
        expect(a.AlarmActions, a.id).toEqual([{ Ref: topicId }]);
        expect(a.OKActions, a.id).toEqual([{ Ref: topicId }]);
        expect(String(a.AlarmDescription), a.id).toMatch(/Runbook: docs\/deploy\.md#/);
      }
      expect(Object.keys(resourcesOf(monitoring, 'AWS::SNS::Subscription')).filter((id) => id.startsWith('Monitoring'))).toEqual([]);
      const withEmail = synth({ alarmEmail: 'ops@example.org', dashboard: 'true' });
      withEmail.monitoring.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.org' });
      expect(Object.keys(resourcesOf(withEmail.monitoring, 'AWS::CloudWatch::Dashboard'))).toHaveLength(1);
    },
    SYNTH_TIMEOUT,
  );

  it("the dashboard is opt-in (context dashboard=true): it costs $3 a month beyond an account's first three", () => {
    expect(Object.keys(resourcesOf(monitoring, 'AWS::CloudWatch::Dashboard'))).toEqual([]);
  });
});
