import type { Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { routeSpecs, routes } from '../../functions/http/routes.ts';
import { resourcesOf, roleOfFunction, statementsOfRole, type synth, synthOnce } from './synth.ts';

let s: ReturnType<typeof synth>;
let api: Template;

// no cdk-nag here: stack.test.ts runs it
synthOnce((r) => {
  s = r;
  api = r.api;
});

const roleOf = (fn: { node: { defaultChild: unknown } }) => roleOfFunction(api, s.stacks.api.getLogicalId(fn.node.defaultChild as CfnFunction));
const statementsOf = (fn: { node: { defaultChild: unknown } }) => statementsOfRole(api, roleOf(fn));
const actionsOf = (fn: { node: { defaultChild: unknown } }) => statementsOf(fn).flatMap((st) => st.Action);
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem'];

describe('least privilege', () => {
  it('no policy grants a wildcard action', () => {
    for (const template of [s.api, s.data]) {
      for (const [id, policy] of Object.entries(resourcesOf(template, 'AWS::IAM::Policy'))) {
        const doc = policy.Properties?.PolicyDocument as { Statement: { Action: string | string[] }[] };
        for (const st of doc.Statement) {
          for (const action of [st.Action].flat()) expect(action, id).not.toMatch(/\*/);
        }
      }
    }
  });

  it('a read-only route can read the table but cannot write it', () => {
    const readOnly = routes.filter((r) => r.access.table === 'read');
    expect(readOnly.length).toBeGreaterThan(0);
    for (const route of readOnly) {
      const actions = actionsOf(s.stacks.api.routeFunctions[route.id] as never);
      expect(actions, route.id).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
      for (const w of WRITE_ACTIONS) expect(actions, route.id).not.toContain(w);
    }
  });

  it('a route without table access gets no DynamoDB permission at all', () => {
    for (const route of routes.filter((r) => r.access.table === 'none')) {
      expect(
        actionsOf(s.stacks.api.routeFunctions[route.id] as never).filter((a) => a.startsWith('dynamodb:')),
        route.id,
      ).toEqual([]);
    }
  });

  it('a writing route gets item writes on the table and its GSI, and nothing may Scan', () => {
    for (const route of routes) {
      const statements = statementsOf(s.stacks.api.routeFunctions[route.id] as never);
      expect(
        statements.flatMap((st) => st.Action),
        route.id,
      ).not.toContain('dynamodb:Scan');
      if (route.access.table !== 'write') continue;
      const table = statements.find((st) => st.Action.includes('dynamodb:PutItem'));
      expect(table?.Action, route.id).toEqual(
        expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem']),
      );
      expect(JSON.stringify(table?.Resource), route.id).toContain('/index/GSI1');
    }
  });

  it('API routes cannot send email or touch schedules: only the workers do', () => {
    for (const route of routes) {
      const actions = actionsOf(s.stacks.api.routeFunctions[route.id] as never);
      expect(
        actions.filter((a) => /^(ses|scheduler|iam|events):/.test(a)),
        route.id,
      ).toEqual([]);
    }
  });

  it('email is sent only from the configured sender identity, through the configuration set', () => {
    for (const worker of [s.stacks.api.workers.dispatcher]) {
      const send = statementsOf(worker).filter((st) => st.Action.some((a) => a.startsWith('ses:')));
      expect(send).toHaveLength(1);
      expect(send[0]?.Action).toEqual(['ses:SendEmail']);
      expect(send[0]?.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'invitations@example.org' } });
      expect(JSON.stringify(send[0]?.Resource)).toMatch(/identity\/invitations@example\.org|Sender/);
      expect(JSON.stringify(send[0]?.Resource)).toMatch(/configuration-set\/",\{"Ref":"Emails/);
    }
  });

  it('only the dispatcher sends email: the reminder and delivery-events functions only write the table', () => {
    for (const worker of [s.stacks.api.workers.reminder, s.stacks.api.workers.deliveryEvents, s.stacks.api.workers.eventPublisher]) {
      expect(actionsOf(worker).filter((a) => a.startsWith('ses:'))).toEqual([]);
    }
  });

  it("the dispatcher may create and delete schedules only in the stage's group, and pass only the scheduler role", () => {
    const statements = statementsOf(s.stacks.api.workers.dispatcher);
    const schedules = statements.find((st) => st.Action.includes('scheduler:CreateSchedule'));
    expect(schedules?.Action.sort()).toEqual(['scheduler:CreateSchedule', 'scheduler:DeleteSchedule']);
    expect(JSON.stringify(schedules?.Resource)).toContain('schedule/org-invitations-test-reminders/*');
    const passRole = statements.find((st) => st.Action.includes('iam:PassRole'));
    expect(passRole?.Resource).toHaveLength(1);
    expect(JSON.stringify(passRole?.Resource)).toContain('SchedulerRole');
    expect(passRole?.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } });
  });

  it('the scheduler role can invoke only the reminder function and write only to its DLQ', () => {
    const roles = resourcesOf(api, 'AWS::IAM::Role');
    const [roleId, role] = Object.entries(roles).find(([id]) => id.startsWith('SchedulerRole')) ?? [];
    expect(JSON.stringify(role?.Properties?.AssumeRolePolicyDocument)).toContain('scheduler.amazonaws.com');
    const statements = statementsOfRole(api, roleId as string);
    const reminderId = s.stacks.api.getLogicalId(s.stacks.api.workers.reminder.node.defaultChild as CfnFunction);
    expect(statements).toEqual([
      { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: [{ 'Fn::GetAtt': [reminderId, 'Arn'] }] },
      { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: [expect.objectContaining({ 'Fn::ImportValue': expect.stringMatching(/ReminderFailures/) })] },
    ]);
  });

  it("the event publisher can put events on the stack's bus and nothing else: no table, no secret", () => {
    const actions = actionsOf(s.stacks.api.workers.eventPublisher);
    expect(actions).toContain('events:PutEvents');
    // the stream read actions come from its event source mapping; no item of the table can be read or written
    expect(actions.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual([
      'dynamodb:DescribeStream',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
      'dynamodb:ListStreams',
    ]);
    expect(actions.filter((a) => /^(secretsmanager|ses|scheduler):/.test(a))).toEqual([]);
  });

  it('the dispatcher and the routes that sign or check with the link secret may read it, and only that secret; no other function may', () => {
    const withSecret = routeSpecs.filter((r) => r.access.linkSecret).map((r) => r.id);
    expect(withSecret.length).toBeGreaterThan(0);
    const reads = (fn: { node: { defaultChild: unknown } }) => statementsOf(fn).filter((st) => st.Action.some((a) => a.startsWith('secretsmanager:')));
    for (const fn of [...withSecret.map((id) => s.stacks.api.routeFunctions[id]), s.stacks.api.workers.dispatcher]) {
      const read = reads(fn as { node: { defaultChild: unknown } });
      expect(read).toHaveLength(1);
      expect(JSON.stringify(read[0]?.Resource)).toMatch(/LinkSecret/);
    }
    for (const [id, fn] of Object.entries(s.stacks.api.routeFunctions)) {
      if (!withSecret.includes(id)) expect(reads(fn), id).toEqual([]);
    }
    expect(reads(s.stacks.api.workers.reminder)).toEqual([]);
    expect(reads(s.stacks.api.workers.deliveryEvents)).toEqual([]);
  });
});
