import { Stack, Token } from 'aws-cdk-lib';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface ApiFirewallProps {
  /** The web ACL's name, unique per account among CloudFront-scope web ACLs. */
  readonly name: string;
  /** Requests one IP address may send in 5 minutes, to any route. */
  readonly limit: number;
  /** Requests one IP address may send in 5 minutes to the unauthenticated routes. */
  readonly publicLimit: number;
  /** The unauthenticated routes' paths, route-table syntax (`/invitations/preview`, `/a/{id}`). */
  readonly publicPaths: readonly string[];
}

/** Rate-based rules count over this window (AWS WAF allows 60, 120, 300 or 600 seconds). */
export const WAF_WINDOW_SECONDS = 300;

/**
 * A blocked IP stays blocked until its count over the window falls below the limit, which WAF
 * re-checks continuously: a minute is a fair hint, not a promise.
 */
export const RETRY_AFTER_SECONDS = 60;

/** What a blocked client reads: the API's own problem+json shape (shared/api-contract.md). */
export const rateLimitedBody = {
  type: 'about:blank',
  title: 'Too Many Requests',
  status: 429,
  code: 'ip_rate_limited',
  detail: `Too many requests from this IP address in ${WAF_WINDOW_SECONDS / 60} minutes; try again later.`,
};

/** A route-table path as a WAF statement on the URI path: exact for a literal path, a regex for `{param}` segments. */
export function pathStatement(path: string): wafv2.CfnWebACL.StatementProperty {
  const fieldToMatch = { uriPath: {} };
  // Compared decoded and lower-cased, so `/invitations/%70review` or `/Invitations/Preview` count as the
  // public route too: the match can only be wider than API Gateway's routing, never narrower.
  const textTransformations = [
    { priority: 0, type: 'URL_DECODE' },
    { priority: 1, type: 'LOWERCASE' },
  ];
  if (!path.includes('{')) {
    return { byteMatchStatement: { fieldToMatch, positionalConstraint: 'EXACTLY', searchString: path.toLowerCase(), textTransformations } };
  }
  const regex = `^${path
    .split('/')
    .map((seg) => (/^\{\w+\}$/.test(seg) ? '[^/]+' : seg.toLowerCase().replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('/')}$`;
  return { regexMatchStatement: { fieldToMatch, regexString: regex, textTransformations } };
}

/**
 * A CloudFront-scope AWS WAF web ACL with two rate-based rules aggregated by client IP: one over every
 * request, a lower one scoped down to the unauthenticated routes. Both block with 429 problem+json.
 * CloudFront-scope web ACLs exist only in us-east-1 (docs/adr/api-edge-waf.md), so the stack this is
 * placed in must be there.
 */
export class ApiFirewall extends Construct {
  readonly webAcl: wafv2.CfnWebACL;
  /** The web ACL's ARN, what a CloudFront distribution's `webAclId` takes. */
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    const region = Stack.of(this).region;
    if (Token.isUnresolved(region) || region !== 'us-east-1') {
      throw new Error(
        `ApiFirewall: a CloudFront web ACL must be created in us-east-1; this stack's region is ${Token.isUnresolved(region) ? 'not set' : region}`,
      );
    }
    if (props.publicPaths.length === 0) throw new Error('ApiFirewall: no public paths to scope the lower limit to');
    const metric = (name: string) => ({ cloudWatchMetricsEnabled: true, metricName: `${props.name}-${name}`, sampledRequestsEnabled: true });
    const block = {
      block: {
        customResponse: {
          responseCode: 429,
          customResponseBodyKey: 'rate-limited',
          // WAF fixes the Content-Type to one of three; the body is still the API's problem+json shape
          responseHeaders: [{ name: 'retry-after', value: String(RETRY_AFTER_SECONDS) }],
        },
      },
    };
    const publicPaths = props.publicPaths.map(pathStatement);
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: props.name,
      description: 'org-invitations API, per-IP rate limits: docs/deploy.md, Per-IP limits at the edge',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: metric('all'),
      customResponseBodies: { 'rate-limited': { contentType: 'APPLICATION_JSON', content: JSON.stringify(rateLimitedBody) } },
      rules: [
        {
          name: 'public-routes-per-ip',
          priority: 0,
          action: block,
          visibilityConfig: metric('public-routes-per-ip'),
          statement: {
            rateBasedStatement: {
              limit: props.publicLimit,
              evaluationWindowSec: WAF_WINDOW_SECONDS,
              aggregateKeyType: 'IP',
              scopeDownStatement: publicPaths.length === 1 ? publicPaths[0] : { orStatement: { statements: publicPaths } },
            },
          },
        },
        {
          name: 'all-routes-per-ip',
          priority: 1,
          action: block,
          visibilityConfig: metric('all-routes-per-ip'),
          statement: { rateBasedStatement: { limit: props.limit, evaluationWindowSec: WAF_WINDOW_SECONDS, aggregateKeyType: 'IP' } },
        },
      ],
    });
    this.webAclArn = this.webAcl.attrArn;
  }
}
