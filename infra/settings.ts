import type { Node } from 'constructs';
import { planCatalogue, sendingGuardConfig } from '../shared/config.ts';

/**
 * Everything a deployment can vary, read from CDK context (cdk.json holds the defaults that make
 * `npm run synth` work from a fresh clone; a deploy overrides them with `-c name=value`, see docs/deploy.md).
 */
export interface DeploySettings {
  /** Names the stacks and their resources: one app, many stages in one account. */
  stage: string;
  /** A throwaway stage: the table, secret and user pool may be destroyed with the stack. */
  sandbox: boolean;
  /** The SES identity the functions may send from (an address; its domain may be verified instead). */
  senderEmail: string;
  /**
   * Verify the sender's whole domain (Easy DKIM, a custom MAIL FROM subdomain for SPF) instead of the
   * one address: production. With `hostedZoneId` (a Route 53 public zone for the domain) the stack
   * writes the DNS records itself; without, the records to add are outputs of the Data stack.
   */
  senderDomain?: { domain: string; hostedZoneId?: string };
  /**
   * The page that shows an invitation; the email link is `${acceptUrlBase}?token=...`. Unset: the web
   * stack's own accept page (`https://<distribution>/accept`), which is also the origin the API allows.
   */
  acceptUrlBase?: string;
  /** The web app's public address when it is not the CloudFront domain (a custom domain in front of it). */
  webUrl?: string;
  /** The API's public URL when known ahead (a custom domain): the app's CSP then allows exactly that origin. */
  apiUrl?: string;
  /** Prefix of the Cognito hosted UI domain (`<prefix>.auth.<region>.amazoncognito.com`); globally unique. */
  webAuthDomainPrefix?: string;
  /** With an external OIDC issuer: the web app's (public, PKCE) client id there. */
  oidcWebClientId?: string;
  /** An external OIDC provider instead of the stack's Cognito user pool. */
  oidc?: { issuer: string; audience: string[] };
  /** Browser origins allowed besides the accept page's (context `corsOrigins`, comma-separated). */
  corsOrigins: string[];
  /** The alarm topic always exists; with this, the address is subscribed to it. */
  alarmEmail?: string;
  /**
   * Emails a second the dispatcher sends at most: the account's SES maximum send rate
   * (`aws sesv2 get-account --query SendQuota.MaxSendRate`). Default 1 in a sandbox stage (the SES
   * sandbox's rate), 14 otherwise (a new production account's usual rate).
   */
  sesMaxSendRate: number;
  /**
   * Dispatcher instances that may run at once (its reserved concurrency): each sends at
   * `sesMaxSendRate / dispatcherConcurrency`, so together they stay within the account's rate however
   * many stream shards are busy. `unreserved`: no reservation, and the rate holds per instance only.
   * Default 2 in production; unreserved in a sandbox stage, because Lambda refuses any reservation
   * that leaves an account fewer than 100 unreserved executions, and a fresh account's quota is often 10.
   */
  dispatcherConcurrency: number | 'unreserved';
  /** X-Ray active tracing on every function (billed per trace, see docs/cost.md). */
  tracing: boolean;
  /** A CloudWatch dashboard of the alarmed signals ($3 a month beyond an account's first three). */
  dashboard: boolean;
  /**
   * Whether anyone on the internet may create an account in the stack's Cognito user pool. Off
   * unless the stage is a sandbox (a trial); a production stage turns it on only by saying so
   * (`-c selfSignUp=true`). Without it, the operator creates users (or federates an IdP).
   */
  selfSignUp: boolean;
  /**
   * The plan catalogue (JSON, the shape of shared/config.ts `defaultPlans`), given to every function
   * as PLANS; unset = the built-in default. Checked here, so a broken catalogue fails the synth.
   */
  plans?: string;
  /**
   * The sender reputation guard's thresholds (JSON, the shape of shared/config.ts `SendingGuardSchema`),
   * given to the delivery-events worker as SENDING_GUARD; unset = SES's review thresholds. Checked here.
   */
  sendingGuard?: string;
  /**
   * Per-IP limits at an edge in front of the API (docs/adr/api-edge-waf.md): requests per 5 minutes
   * one IP address may send to any route (`limit`) and to the unauthenticated routes (`publicLimit`,
   * default a tenth of `limit`, at least 10). Unset: no edge, clients call the execute-api URL.
   */
  apiWaf?: { limit: number; publicLimit: number };
}

const bool = (v: unknown) => v === true || v === 'true';

/**
 * Domains reserved for documentation and tests (RFC 2606, RFC 6761): mail to them goes nowhere and
 * links to them open nothing, so a deploy that still has them was not configured. cdk.json has no
 * sender or accept URL for that reason; `npm run synth` passes placeholders with allowPlaceholders.
 */
export function isPlaceholderHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return /(^|\.)example\.(com|net|org)$/.test(h) || /(^|\.)(example|test|invalid|localhost)$/.test(h);
}
const str = (v: unknown) => (typeof v === 'string' && v.trim().length > 0 ? v.trim() : undefined);

function sendRate(value: unknown, sandbox: boolean): number {
  if (value === undefined || value === null || value === '') return sandbox ? 1 : 14;
  const rate = Number(value);
  if (!(rate > 0) || rate > 1000) throw new Error(`context sesMaxSendRate "${String(value)}": emails a second, more than 0`);
  return rate;
}

/** AWS WAF's bounds for a rate-based rule's limit (requests per evaluation window). */
export const WAF_RATE_LIMIT_MIN = 10;
export const WAF_RATE_LIMIT_MAX = 2_000_000_000;

function wafRate(key: string, value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < WAF_RATE_LIMIT_MIN || n > WAF_RATE_LIMIT_MAX) {
    throw new Error(
      `context ${key} "${String(value)}": requests per 5 minutes per IP address, a whole number from ${WAF_RATE_LIMIT_MIN} to ${WAF_RATE_LIMIT_MAX}`,
    );
  }
  return n;
}

function apiWaf(limitValue: unknown, publicValue: unknown): DeploySettings['apiWaf'] {
  const limit = wafRate('apiWafRateLimit', limitValue);
  const given = wafRate('apiWafPublicRateLimit', publicValue);
  if (limit === undefined) {
    if (given !== undefined) throw new Error('context apiWafPublicRateLimit: only with apiWafRateLimit');
    return undefined;
  }
  // the public routes' own limit is the lower one: a flood of them must not spend an IP's whole allowance
  const publicLimit = given ?? Math.max(WAF_RATE_LIMIT_MIN, Math.floor(limit / 10));
  if (publicLimit > limit) throw new Error(`context apiWafPublicRateLimit ${publicLimit}: at most apiWafRateLimit (${limit})`);
  return { limit, publicLimit };
}

function dispatcherConcurrency(value: unknown, sandbox: boolean): number | 'unreserved' {
  if (value === undefined || value === null || value === '') return sandbox ? 'unreserved' : 2;
  if (value === 'unreserved') return value;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100)
    throw new Error(`context dispatcherConcurrency "${String(value)}": a whole number from 1 to 100, or unreserved`);
  return n;
}

/**
 * Reads and checks the settings from CDK context (the project's app, `-c name=value`) or from anything
 * that answers by the same keys (the OrgInvitations construct's props, infra/org-invitations.ts):
 * both go through the same checks and defaults.
 */
export function readSettings(node: Pick<Node, 'tryGetContext'>): DeploySettings {
  const stage = str(node.tryGetContext('stage')) ?? 'dev';
  if (!/^[a-z][a-z0-9-]{0,15}$/.test(stage)) throw new Error(`context stage "${stage}": lower-case letters, digits and dashes, at most 16`);
  const senderEmail = str(node.tryGetContext('senderEmail'));
  if (!senderEmail || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(senderEmail)) throw new Error('context senderEmail: an email address is required');
  const acceptUrlBase = str(node.tryGetContext('acceptUrlBase'));
  if (acceptUrlBase && !/^https:\/\//.test(acceptUrlBase)) throw new Error('context acceptUrlBase: an https URL is required');
  const https = (key: string) => {
    const v = str(node.tryGetContext(key));
    if (v && !/^https:\/\/[^/]+$/.test(v.replace(/\/$/, ''))) throw new Error(`context ${key}: an https origin (no path) is required`);
    return v?.replace(/\/$/, '');
  };
  const webUrl = https('webUrl');
  const apiUrl = https('apiUrl');
  const webAuthDomainPrefix = str(node.tryGetContext('webAuthDomainPrefix'));
  if (webAuthDomainPrefix && !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(webAuthDomainPrefix))
    throw new Error('context webAuthDomainPrefix: lower-case letters, digits and dashes');
  const oidcWebClientId = str(node.tryGetContext('oidcWebClientId'));
  if (!bool(node.tryGetContext('allowPlaceholders'))) {
    const placeholders = [
      isPlaceholderHost(senderEmail.split('@').pop() ?? '') ? `senderEmail=${senderEmail}` : '',
      acceptUrlBase && isPlaceholderHost(new URL(acceptUrlBase).hostname) ? `acceptUrlBase=${acceptUrlBase}` : '',
    ].filter(Boolean);
    if (placeholders.length > 0) {
      throw new Error(
        `context ${placeholders.join(', ')}: a reserved example domain, where no email arrives and no link opens. ` +
          'Pass your own with -c senderEmail=... -c acceptUrlBase=... (docs/deploy.md), or -c allowPlaceholders=true to synthesize anyway.',
      );
    }
  }
  const domain = str(node.tryGetContext('senderDomain'))?.toLowerCase();
  const hostedZoneId = str(node.tryGetContext('hostedZoneId'));
  if (hostedZoneId && !domain) throw new Error('context hostedZoneId: only with senderDomain');
  if (domain && senderEmail.split('@').pop()?.toLowerCase() !== domain) {
    throw new Error(`context senderDomain=${domain}: senderEmail must be an address at that domain`);
  }
  const issuer = str(node.tryGetContext('oidcIssuer'));
  const audience = (str(node.tryGetContext('oidcAudience')) ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  if (Boolean(issuer) !== audience.length > 0) throw new Error('context oidcIssuer and oidcAudience go together');
  if (issuer && !/^https:\/\//.test(issuer)) throw new Error('context oidcIssuer: an https URL is required');
  const alarmEmail = str(node.tryGetContext('alarmEmail'));
  const sandbox = bool(node.tryGetContext('sandbox'));
  const selfSignUpContext = str(node.tryGetContext('selfSignUp'));
  if (selfSignUpContext && !['true', 'false'].includes(selfSignUpContext)) throw new Error('context selfSignUp: true or false');
  const plansContext = node.tryGetContext('plans');
  const plans = plansContext === undefined ? undefined : typeof plansContext === 'string' ? plansContext : JSON.stringify(plansContext);
  if (plans !== undefined) planCatalogue({ PLANS: plans });
  const guardContext = node.tryGetContext('sendingGuard');
  const sendingGuard = guardContext === undefined ? undefined : typeof guardContext === 'string' ? guardContext : JSON.stringify(guardContext);
  if (sendingGuard !== undefined) sendingGuardConfig({ SENDING_GUARD: sendingGuard });
  const corsOrigins = (str(node.tryGetContext('corsOrigins')) ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  if (corsOrigins.some((o) => !/^https?:\/\/[^/]+$/.test(o))) throw new Error('context corsOrigins: origins like https://app.example.org, comma-separated');
  const waf = apiWaf(node.tryGetContext('apiWafRateLimit'), node.tryGetContext('apiWafPublicRateLimit'));
  return {
    stage,
    sandbox,
    ...(plans !== undefined ? { plans } : {}),
    ...(sendingGuard !== undefined ? { sendingGuard } : {}),
    selfSignUp: selfSignUpContext ? selfSignUpContext === 'true' : sandbox,
    senderEmail,
    ...(acceptUrlBase ? { acceptUrlBase } : {}),
    ...(webUrl ? { webUrl } : {}),
    ...(apiUrl ? { apiUrl } : {}),
    ...(webAuthDomainPrefix ? { webAuthDomainPrefix } : {}),
    ...(oidcWebClientId ? { oidcWebClientId } : {}),
    ...(domain ? { senderDomain: { domain, ...(hostedZoneId ? { hostedZoneId } : {}) } } : {}),
    corsOrigins,
    ...(issuer ? { oidc: { issuer, audience } } : {}),
    ...(alarmEmail ? { alarmEmail } : {}),
    ...(waf ? { apiWaf: waf } : {}),
    sesMaxSendRate: sendRate(node.tryGetContext('sesMaxSendRate'), sandbox),
    dispatcherConcurrency: dispatcherConcurrency(node.tryGetContext('dispatcherConcurrency'), sandbox),
    tracing: bool(node.tryGetContext('tracing')),
    dashboard: bool(node.tryGetContext('dashboard')),
  };
}
