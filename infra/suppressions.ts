import { NagSuppressions } from 'cdk-nag';
import { routes } from '../functions/http/routes.ts';
import type { DeploySettings } from './settings.ts';
import type { ApiStack } from './stacks/api-stack.ts';
import type { DataStack } from './stacks/data-stack.ts';
import type { WebContentStack, WebStack } from './stacks/web-stack.ts';

/**
 * Every cdk-nag finding we accept (packs AwsSolutions and Serverless), on the one resource it
 * concerns, with the reason. test/infra/stack.test.ts fails on any finding not listed here. The AWS
 * Control Tower guard rules' exceptions are in infra/policy-exceptions.ts.
 */
export function applySuppressions(data: DataStack, api: ApiStack, web: WebStack, webContent: WebContentStack, settings: DeploySettings): void {
  applyWebSuppressions(web, webContent);
  const functions = [...Object.values(api.routeFunctions), ...Object.values(api.workers)];
  const runtime =
    'Node.js 22 is the runtime the project targets and tests against (issue 6); moving to a newer runtime is a deliberate upgrade, not a deploy-time default.';
  for (const fn of functions) {
    NagSuppressions.addResourceSuppressions(fn, [
      { id: 'AwsSolutions-L1', reason: runtime },
      { id: 'Serverless-LambdaLatestVersion', reason: runtime },
      ...(settings.tracing
        ? []
        : [
            {
              id: 'Serverless-LambdaTracing',
              reason:
                'X-Ray tracing is opt-in (context tracing=true): it is billed per trace and, without SDK instrumentation in the bundles, shows only init and handler time (docs/deploy.md Observability). Logs carry the trace id either way.',
            },
          ]),
    ]);
    if (settings.tracing) {
      NagSuppressions.addResourceSuppressions(
        fn.role ?? fn,
        [
          {
            id: 'AwsSolutions-IAM5',
            reason: 'xray:PutTraceSegments and PutTelemetryRecords (added by active tracing) do not support resource-level permissions.',
            appliesTo: ['Resource::*'],
          },
        ],
        true,
      );
    }
  }
  for (const fn of Object.values(api.routeFunctions)) {
    NagSuppressions.addResourceSuppressions(fn, [
      {
        id: 'Serverless-LambdaDLQ',
        reason:
          'Invoked synchronously by API Gateway: a failure is the HTTP response (problem+json or 5xx, counted by the Api5xxRate alarm); a dead-letter queue only receives failed asynchronous invocations.',
      },
    ]);
  }
  NagSuppressions.addResourceSuppressions(api.workers.dispatcher, [
    {
      id: 'Serverless-LambdaDLQ',
      reason:
        'Invoked by its stream event source mapping, whose on-failure destination (DispatcherFailures) keeps the records it gives up on; a function DLQ applies to asynchronous invocations only.',
    },
  ]);
  NagSuppressions.addResourceSuppressions(api.workers.eventPublisher, [
    {
      id: 'Serverless-LambdaDLQ',
      reason:
        'Invoked by its stream event source mapping, whose on-failure destination (PublisherFailures) keeps the records it gives up on; a function DLQ applies to asynchronous invocations only.',
    },
  ]);
  NagSuppressions.addResourceSuppressions(api.workers.reminder, [
    {
      id: 'Serverless-LambdaDLQ',
      reason: 'Invoked by EventBridge Scheduler, whose per-schedule dead-letter queue (ReminderFailures) receives the invocations that fail after its retries.',
    },
  ]);
  NagSuppressions.addResourceSuppressions(api.workers.deliveryEvents, [
    {
      id: 'Serverless-LambdaDLQ',
      reason:
        'Asynchronous invocations (from SNS) that fail after 2 retries go to its on-failure destination (DeliveryEventFailures), which supersedes a function DLQ and keeps the whole event.',
    },
  ]);
  // the subscription of the SesEvents topic, which the subscribed function's scope holds
  NagSuppressions.addResourceSuppressionsByPath(api, `${api.node.path}/DeliveryEvents/SesEvents/Resource`, [
    {
      id: 'Serverless-SNSRedrivePolicy',
      reason:
        "The only subscription is the delivery-events function: SNS hands it the event by asynchronous invoke (retried by SNS for days if Lambda refuses it), and the function's own on-failure destination keeps events it fails on. A subscription DLQ in the Data stack would make the two stacks reference each other.",
    },
  ]);

  NagSuppressions.addResourceSuppressionsByPath(api, `${api.node.path}/RetrySchedules/Resource`, [
    {
      id: 'Serverless-EventBusDLQ',
      reason:
        'A timer whose event carries no data (`{ kind: retry-schedules }`): the work it starts is the invitations marked in the table, so an invocation that fails after its 2 retries is done by the next tick 5 minutes later, and a dead letter would hold nothing to replay. A DLQ in the Data stack would also make the two stacks reference each other (the queue policy names the rule).',
    },
  ]);

  NagSuppressions.addResourceSuppressionsByPath(api, `${api.node.path}/ResumeOrgDeletions/Resource`, [
    {
      id: 'Serverless-EventBusDLQ',
      reason:
        'A timer whose event carries no data (`{ kind: resume-org-deletions }`): the work it starts is the unfinished deletions listed in the table (AP20), so an invocation that fails after its 2 retries is done by the next tick 15 minutes later, and a dead letter would hold nothing to replay.',
    },
  ]);

  for (const route of routes.filter((r) => !r.auth)) {
    NagSuppressions.addResourceSuppressionsByPath(api, `${api.node.path}/Api/${route.method}${route.path.replaceAll('/', '--')}/Resource`, [
      {
        id: 'AwsSolutions-APIG4',
        reason:
          'Public by contract: GET /health for probes, GET /invitations/preview and GET /join-links/preview show an invitation or a join link to whoever holds its unguessable token (shared/api-contract.md, docs/api.md#join-links), POST /memberships/leave acts for whoever holds a signed leave link, GET /openapi.json and GET /docs describe the API to anyone who may call it.',
      },
    ]);
  }

  if (api.edge) {
    NagSuppressions.addResourceSuppressions(api.edge.distribution, [
      {
        id: 'AwsSolutions-CFR3',
        reason:
          "Access logs would store every /invitations/preview?token=... and /join-links/preview?token=... request, i.e. live link tokens, which nothing in this service may log (test/integration/secrets-in-logs.test.ts). The API's own access log records every request it receives, with the client IP.",
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          "With the default *.cloudfront.net certificate CloudFront does not let the minimum viewer TLS version be raised; to the origin it speaks TLSv1.2 only. A custom domain with its own certificate is the operator's step (docs/deploy.md).",
      },
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'Invitations go to people anywhere; the service has no country it must refuse. The distribution exists for the per-IP rate limits of its web ACL.',
      },
    ]);
  }

  const streamReaders = [api.workers.dispatcher, api.workers.eventPublisher];
  for (const fn of streamReaders) {
    NagSuppressions.addResourceSuppressions(
      fn.role ?? fn,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'dynamodb:ListStreams does not support resource-level permissions; the event source mapping needs it. Every other action is on named resources.',
          appliesTo: ['Resource::*'],
        },
      ],
      true,
    );
  }
  NagSuppressions.addResourceSuppressions(
    api.workers.dispatcher.role ?? api.workers.dispatcher,
    [
      {
        id: 'AwsSolutions-IAM5',
        reason:
          "Schedule names are per invitation and created at run time; the grant is limited to CreateSchedule/DeleteSchedule inside this stage's schedule group.",
        appliesTo: [{ regex: '/^Resource::arn:<AWS::Partition>:scheduler:.*:schedule\\/.*\\/\\*$/g' }],
      },
    ],
    true,
  );

  NagSuppressions.addResourceSuppressions(data.linkSecret, [
    {
      id: 'AwsSolutions-SMG4',
      reason:
        'The link secret keys the HMAC of every emailed invitation link and list cursor: rotating it would invalidate all outstanding invitations. Rotation is a manual, announced operation (docs/deploy.md).',
    },
  ]);

  const dlqReason =
    'This queue is itself a dead-letter queue (Lambda on-failure destination or Scheduler DLQ), watched by the DeadLetters alarm; a DLQ of a DLQ adds nothing.';
  for (const dlq of [data.dispatcherDlq, data.publisherDlq, data.schedulerDlq, data.deliveryEventsDlq]) {
    NagSuppressions.addResourceSuppressions(dlq, [
      { id: 'AwsSolutions-SQS3', reason: dlqReason },
      { id: 'Serverless-SQSRedrivePolicy', reason: dlqReason },
    ]);
  }

  if (data.userPool) {
    NagSuppressions.addResourceSuppressions(data.userPool, [
      {
        id: 'AwsSolutions-COG2',
        reason:
          'MFA is optional (TOTP) so self sign-up stays possible for invitees; organizations that require MFA use their own OIDC provider (context oidcIssuer).',
      },
      {
        id: 'AwsSolutions-COG8',
        reason:
          'The Plus feature plan (threat protection) is billed per monthly active user; the stack uses Essentials and docs/deploy.md says how to switch for production.',
      },
    ]);
  }
}

function applyWebSuppressions(web: WebStack, webContent: WebContentStack): void {
  NagSuppressions.addResourceSuppressions(web.bucket, [
    {
      id: 'AwsSolutions-S1',
      reason:
        'The bucket holds only the public build of the web app, readable only by the distribution (origin access control); its access logs would record nothing but CloudFront fetching files.',
    },
  ]);
  NagSuppressions.addResourceSuppressions(web.distribution, [
    {
      id: 'AwsSolutions-CFR3',
      reason:
        'Access logs would store every /accept?token=... address, i.e. live invitation link tokens, which nothing in this service may log (test/integration/secrets-in-logs.test.ts). The API logs what matters.',
    },
    {
      id: 'AwsSolutions-CFR4',
      reason:
        'With the default *.cloudfront.net certificate CloudFront does not let the minimum TLS version be raised; a deployment with its own domain (context webUrl) puts a certificate with TLSv1.2_2021 in front.',
    },
    {
      id: 'AwsSolutions-CFR1',
      reason: 'Invitations go to people anywhere; the service has no country it must refuse.',
    },
    {
      id: 'AwsSolutions-CFR2',
      reason:
        'The distribution serves static files from a private bucket, with no logic at the origin; the API behind it is throttled by API Gateway. A web ACL (from $5/month plus per-request fees) is an operator choice, documented in docs/deploy.md.',
    },
  ]);
  // The only functions and roles of the content stack are those of CDK's BucketDeployment construct.
  NagSuppressions.addStackSuppressions(webContent, [
    {
      id: 'AwsSolutions-L1',
      reason: "The runtime of CDK's BucketDeployment handler is chosen by aws-cdk-lib and moves with it; it runs only during a deploy.",
    },
    { id: 'AwsSolutions-IAM4', reason: "CDK's BucketDeployment handler uses AWSLambdaBasicExecutionRole to write its own logs; it runs only during a deploy." },
    {
      id: 'AwsSolutions-IAM5',
      reason:
        'CDK\'s BucketDeployment grants: read the staged asset objects in the CDK assets bucket, write the objects of the site bucket (object-level wildcards of that one bucket), and cloudfront:CreateInvalidation, which it grants on "*".',
    },
  ]);
}
