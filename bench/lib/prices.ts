/**
 * AWS list prices, us-east-1, on-demand, without free tiers, in US dollars, from AWS's public pricing
 * pages as known in early 2025. Re-checked on 2026-12-01 against stored copies of public pages (this
 * machine has no web access): Lambda arm64 duration and requests, HTTP API requests and the SES price
 * per 1,000 emails agree; the rest were not re-checked. Check them at https://aws.amazon.com/pricing/
 * before relying on a figure. One place, so a price change is one edit and `npm run cost`.
 */
export const PRICES_AS_OF = 'early 2025; Lambda, HTTP API and SES re-checked 2026-12-01 against stored copies of public pages, the others not';

export const prices = {
  lambda: {
    /** arm64 (Graviton), per GB-second of billed duration (1 ms granularity). */
    perGbSecond: 0.0000133334,
    perMillionRequests: 0.2,
  },
  /** HTTP API, first 300 million requests a month, per 512 KB. */
  httpApiPerMillion: 1.0,
  dynamodb: {
    /** On-demand, after the November 2024 price cut. */
    perMillionWriteUnits: 0.625,
    perMillionReadUnits: 0.125,
    storagePerGbMonth: 0.25,
    /** Continuous backups (point-in-time recovery), per GB-month of table size. */
    pitrPerGbMonth: 0.2,
    /** Reads of the stream by a Lambda event source mapping are free. */
  },
  ses: { perThousandEmails: 0.1 },
  /** EventBridge Scheduler: per invocation; creating and deleting schedules is not billed. */
  schedulerPerMillionInvocations: 1.0,
  /** EventBridge custom event bus, per 64 KB event. */
  eventBridgePerMillionEvents: 1.0,
  sns: { perMillionPublishes: 0.5 },
  logs: { ingestionPerGb: 0.5, storagePerGbMonth: 0.03 },
  cloudwatch: {
    /** A standard-resolution alarm is billed per metric it reads (a metric math alarm: each metric). */
    perAlarmMetricMonth: 0.1,
    perCompositeAlarmMonth: 0.5,
    /** Per dashboard beyond the account's first three (always free, up to 50 metrics each). */
    perDashboardMonth: 3.0,
    /** A custom metric (the EMF business metrics), prorated by the hour it receives data. */
    perCustomMetricMonth: 0.3,
  },
  kms: { perKeyMonth: 1.0, perTenThousandRequests: 0.03 },
  secretsManager: { perSecretMonth: 0.4, perTenThousandCalls: 0.05 },
  /** X-Ray: per trace recorded (first 100,000 a month free, not counted here). */
  xrayPerMillionTraces: 5.0,
  /**
   * AWS WAF (the optional edge, context apiWafRateLimit): read 2026-12-02 from stored copies of
   * third-party summaries of the AWS WAF pricing page (not AWS's page itself), which agree.
   */
  waf: { perWebAclMonth: 5.0, perRuleMonth: 1.0, perMillionRequests: 0.6 },
  /**
   * CloudFront in front of the API: HTTPS requests in North America and Europe, per million ($0.0100
   * per 10,000), beyond the always-free 10 million a month (AWS's CloudFront pricing page, stored copy).
   */
  cloudfront: { perMillionHttpsRequests: 1.0, freeRequestsMonth: 10_000_000 },
  cognito: {
    /** Essentials feature plan, per monthly active user beyond the 10,000 free ones (not counted here). */
    essentialsPerMau: 0.015,
    essentialsFreeMau: 10_000,
  },
} as const;

/**
 * Hosted peers' published prices for the same job. Their pricing pages change often and this machine
 * cannot open them: each row names the copy it was read from and that copy's date.
 */
export const peers = [
  {
    name: 'Clerk (Pro)',
    basis:
      "$25/month ($20 billed annually) including 50,000 monthly users, then $0.02 each; organizations included (Clerk's pricing page as captured by owostack.com/pricing-templates/clerk-mau-pricing, verified there 2026-03-09; until early 2025 it included 10,000)",
    month: (mau: number) => 25 + Math.max(0, mau - 50_000) * 0.02,
  },
  {
    name: 'WorkOS (AuthKit)',
    basis:
      'user management free up to 1,000,000 MAU, then $2,500 per million; organizations included; enterprise SSO from $125 per connection a month, not needed here (workos.com/pricing as recorded by github.com/api-evangelist/workos plans, 2026-05-22)',
    month: (mau: number) => (mau <= 1_000_000 ? 0 : Number.NaN),
  },
  {
    name: 'Auth0 (B2B Essentials)',
    basis: 'about $150/month for 500 MAU with Organizations, larger tiers quoted, not listed (from memory, early 2025; not re-checked)',
    month: (mau: number) => (mau <= 500 ? 150 : Number.NaN),
  },
] as const;
