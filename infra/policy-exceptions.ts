/**
 * The AWS Control Tower proactive controls (cfn-guard rules shipped by @cdklabs/cdk-validator-cfnguard)
 * that the templates do not meet, each with the resources it concerns and the reason. Everything else
 * in the rule set passes. test/infra/guard.test.ts runs the rules on the synthesized templates and fails
 * on a violation not listed here, and on an exception that no longer matches anything.
 */
export interface GuardException {
  /** The cfn-guard rule name, e.g. `lambda_inside_vpc_check` (CT.LAMBDA.PR.3). */
  rule: string;
  /** Logical ids of the resources it concerns. */
  resources: RegExp;
  reason: string;
  /** Only with this setting on (its resources do not exist otherwise): test/infra/api-edge.test.ts checks it then. */
  when?: 'apiWaf';
}

/**
 * The exceptions of the resources that `resources` matches, one reason per rule (the rule's Control Tower
 * id beside it). `when` marks the ones of an optional part, which exist only with that setting on.
 */
function exceptionsOn(resources: RegExp, reasons: Record<string, string>, when?: 'apiWaf'): GuardException[] {
  return Object.entries(reasons).map(([rule, reason]) => ({ rule, resources, reason, ...(when && { when }) }));
}

/**
 * The edge's three certificate rules have one cause: it serves on CloudFront's own certificate, as only
 * the operator can give it a domain.
 */
const DEFAULT_CERTIFICATE_REASON =
  "The edge serves on its *.cloudfront.net name with CloudFront's own certificate; a domain of the operator's own, with an ACM certificate in us-east-1, is a deployment step the service cannot take for them (docs/deploy.md). SNI applies to a custom certificate only (with one, CDK configures sni-only by default), and with the default certificate CloudFront does not let the minimum viewer TLS version be set; to the API it speaks TLSv1.2 only (test/infra/api-edge.test.ts). A custom domain with TLSv1.2_2021 is the operator's step.";

export const guardExceptions: GuardException[] = [
  ...exceptionsOn(/./, {
    lambda_inside_vpc_check: // CT.LAMBDA.PR.3
      "The functions reach only AWS service endpoints (DynamoDB, SES, Scheduler, Secrets Manager, EventBridge) and no private resource. In a VPC they would need a NAT gateway (~$32 a month) or an interface endpoint per service (~$7 a month each, per AZ), many times the stack's fixed cost, for no isolation gained.",
  }),
  ...exceptionsOn(/Permission/, {
    lambda_function_public_access_prohibited_check: // CT.LAMBDA.PR.2
      'Every permission names a service principal (API Gateway, SNS) with a SourceArn, built with Fn::Join from the API or topic ARN, which the rule cannot evaluate (a documented limit of the bundled rules). test/infra/guard.test.ts asserts that each permission has a SourceArn.',
  }),
  ...exceptionsOn(/Logs/, {
    cloudwatch_log_group_retention_period_check: // CT.CLOUDWATCH.PR.2
      'Logs name users (ids, addresses of invitees). The service keeps them 90 days in production and a week in a sandbox, as docs/deploy.md promises: a year would keep personal data longer than operating the service needs (erasure removes the person from the table, not from logs).',
    cloudwatch_log_group_encrypted_check: // CT.CLOUDWATCH.PR.3
      'CloudWatch Logs encrypts every log group at rest with its own keys. A customer managed key adds KMS requests for every batch of lines and makes the logs unreadable when the key is disabled; the lines carry no secret (shared/logger.ts redacts tokens, and a test asserts it).',
  }),
  ...exceptionsOn(/Failures/, {
    sqs_dlq_check: // CT.SQS.PR.1
      'These queues are the dead-letter queues (Lambda on-failure destinations, the Scheduler DLQ), watched by the DeadLetters alarm; a dead-letter queue of a dead-letter queue adds nothing.',
  }),
  ...exceptionsOn(/^Api(GET(health|invitationspreview|joinlinkspreview|openapijson|docs)|POSTmembershipsleave)/, {
    api_gw_v2_authorization_type_configured_check: // CT.APIGATEWAY.PR.5
      "Public by contract (shared/api-contract.md): GET /health for probes, GET /invitations/preview and GET /join-links/preview for whoever holds the unguessable link token, POST /memberships/leave for whoever holds the signed one-click leave link of a direct add's email (docs/api.md), GET /openapi.json and GET /docs (the published API document and its reference page, which hold no data). Every other route has the JWT authorizer (test/infra/stack.test.ts).",
  }),
  ...exceptionsOn(/TopicKey|^$/, {
    kms_create_grant_aws_service_check: // CT.KMS.PR.3
      "The key's policy gives the account (its IAM administrators) full use, as every CDK key does, and SES and CloudWatch only GenerateDataKey and Decrypt for this account; nothing is granted CreateGrant beyond the account's own administrators, whose IAM policies decide.",
  }),
  // The API's edge (context apiWafRateLimit, docs/adr/api-edge-waf.md): CloudFront in front of the HTTP API.
  ...exceptionsOn(
    /^EdgeDistribution/,
    {
      cloudfront_default_root_object_configured_check: // CT.CLOUDFRONT.PR.1
        'The distribution fronts the API, not a site: every path goes to the API as it is, and GET / is not a route (API Gateway answers 404 problem+json). A root object would rewrite / to a path the API does not have.',
      cloudfront_origin_failover_enabled_check: // CT.CLOUDFRONT.PR.4
        "The only origin is the stage's HTTP API, in one region with one table: there is no second origin that could answer for it, and an origin group would retry only GET, HEAD and OPTIONS anyway.",
      cloudfront_access_logs_enabled_check: // CT.CLOUDFRONT.PR.5
        "CloudFront access logs keep every query string, i.e. the live invitation link tokens of /invitations/preview?token=..., which nothing in this service may log. The API's access log records every request that passes the edge, with the client IP, and the web ACL's metrics and sampled requests show what it blocked.",
      cloudfront_custom_ssl_certificate_check: DEFAULT_CERTIFICATE_REASON, // CT.CLOUDFRONT.PR.6
      cloudfront_sni_enabled_check: DEFAULT_CERTIFICATE_REASON, // CT.CLOUDFRONT.PR.7
      cloudfront_security_policy_check: DEFAULT_CERTIFICATE_REASON, // CT.CLOUDFRONT.PR.9
    },
    'apiWaf',
  ),
];
