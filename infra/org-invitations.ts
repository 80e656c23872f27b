import { type Environment, Stack, Tags, Token } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { PlanCatalogue } from '../shared/domain/orgs/plans.ts';
import type { SendingGuardConfig } from '../shared/domain/orgs/sending-guard.ts';
import { type DeploySettings, readSettings } from './settings.ts';
import { ApiStack, NestedApiStack } from './stacks/api-stack.ts';
import { DataStack, NestedDataStack } from './stacks/data-stack.ts';
import { FirewallStack, NestedFirewallStack } from './stacks/firewall-stack.ts';
import { NestedWebContentStack, NestedWebStack, WebContentStack, WebStack } from './stacks/web-stack.ts';
import { applySuppressions } from './suppressions.ts';

/**
 * What a deployment of org-invitations can vary. The same values as the project's CDK context keys
 * (docs/deploy.md, Context reference), typed; they go through the same checks and defaults
 * (infra/settings.ts), so a props object that would be refused as context is refused here too.
 */
export interface OrgInvitationsProps {
  /**
   * Names the stacks (`<stackNamePrefix>-Data`...) and the stage's named resources (event bus
   * `org-invitations-<stage>`, schedule group, configuration set, alarms): unique per account and
   * region. Lower-case letters, digits and dashes, at most 16.
   */
  readonly stage: string;
  /**
   * A throwaway stage: nothing retained or protected, self sign-up on, the API throttled to 10
   * requests a second, logs kept a week. Default false: forgetting it can only make a stage safer.
   */
  readonly sandbox?: boolean;
  /** The From address of every email; the functions may send only from it. */
  readonly senderEmail: string;
  /**
   * Verify the sender's whole domain (Easy DKIM, MAIL FROM `mail.<domain>`) instead of the one
   * address; `senderEmail` must be at it. With `hostedZoneId` (a Route 53 public zone for the
   * domain) the stacks write the DNS records; without, the records are outputs of the Data stack.
   */
  readonly senderDomain?: { readonly domain: string; readonly hostedZoneId?: string };
  /**
   * The page that shows an invitation: emails link to `<acceptUrlBase>?token=...`. Default: the Web
   * stack's own accept page (`https://<distribution>/accept`).
   */
  readonly acceptUrlBase?: string;
  /** The web app's public origin when a domain of yours fronts the CloudFront distribution. */
  readonly webUrl?: string;
  /** The API's public origin when known ahead (a custom domain): the web app's CSP allows exactly it. */
  readonly apiUrl?: string;
  /** The Cognito hosted UI domain prefix; default `org-invitations-<stage>-<account>`. */
  readonly webAuthDomainPrefix?: string;
  /** An external OIDC provider instead of the stacks' Cognito user pool: the token's `iss` and accepted audiences. */
  readonly oidc?: { readonly issuer: string; readonly audience: readonly string[] };
  /** With `oidc`: the web app's public (PKCE) client id there; default the first audience. */
  readonly oidcWebClientId?: string;
  /** Browser origins allowed to call the API besides the web app's (`https://admin.yourcompany.com`). */
  readonly corsOrigins?: readonly string[];
  /** Subscribes this address to the alarm topic (which exists either way). */
  readonly alarmEmail?: string;
  /**
   * The account's SES maximum send rate, emails a second (`aws sesv2 get-account --query
   * SendQuota.MaxSendRate`). Default 1 in a sandbox stage, 14 otherwise.
   */
  readonly sesMaxSendRate?: number;
  /**
   * Dispatcher instances at once (its reserved concurrency); each sends `sesMaxSendRate / n` a second.
   * Default 2 in production, `unreserved` in a sandbox stage (a reservation needs an account quota above 100).
   */
  readonly dispatcherConcurrency?: number | 'unreserved';
  /** X-Ray active tracing on every function ($5 a million traces). Default false. */
  readonly tracing?: boolean;
  /** A CloudWatch dashboard of the alarmed signals ($3 a month beyond an account's first three). Default false. */
  readonly dashboard?: boolean;
  /** Whether anyone may sign up in the stacks' Cognito user pool. Default: only in a sandbox stage. */
  readonly selfSignUp?: boolean;
  /** The plan catalogue (shared/config.ts `defaultPlans` is the shape and the default), as an object or its JSON. */
  readonly plans?: PlanCatalogue | string;
  /** The sender reputation guard's thresholds (shared/domain/orgs/sending-guard.ts; default SES's review thresholds), as an object or its JSON. */
  readonly sendingGuard?: Partial<SendingGuardConfig> | string;
  /**
   * Per-IP limits for the API: CloudFront with an AWS WAF web ACL in front of it, and clients (the web
   * app's config.json, output ApiUrl, `apiUrl`) given the edge's URL. `limit`: requests one IP address
   * may send in 5 minutes; `publicLimit`: to the unauthenticated routes (default a tenth of `limit`,
   * at least 10). From $7 a month (docs/deploy.md, Per-IP limits at the edge). The web ACL lives in
   * us-east-1: in an App or a Stage, a stack of its own there (`env` must name the region); in a
   * Stack, only if that stack is in us-east-1. Default: no edge.
   */
  readonly apiWaf?: { readonly limit: number; readonly publicLimit?: number };
  /** Accept reserved example domains (`example.com`, `.test`) for `senderEmail` and `acceptUrlBase`. Default false. */
  readonly allowPlaceholders?: boolean;
  /**
   * The stacks' names start with this (in an App or a Stage; nested stacks are named by
   * CloudFormation); default `OrgInvitations-<stage>`. Never change it for a deployed stage.
   */
  readonly stackNamePrefix?: string;
  /** Account and region of the stacks (in an App or a Stage); default: the Stage's, else environment-agnostic. Nested stacks take their parent's. */
  readonly env?: Environment;
}

/**
 * The whole service, as one construct: `new OrgInvitations(this, 'Invitations', { stage: 'prod',
 * senderEmail: 'invitations@yourcompany.com' })`. It builds four areas, in deployment order: Data
 * (table, link secret, user pool, sender identity, event bus, dead-letter queues), Web (the web app's
 * hosting), Api (the HTTP API, functions, workers, alarms) and WebContent (the app's files).
 *
 * - In an App or a Stage, each area is a stack of its own (`<stackNamePrefix>-Data`...), with its own
 *   500 resources and its outputs: how the project's own app (infra/app.ts) deploys it.
 * - In a Stack, each area is a nested stack of that stack: one `cdk deploy` of your stack deploys the
 *   service; the areas' outputs stay inside the nested stacks, so use the properties below.
 *
 * Either way the areas hold the same resources under the same logical ids
 * (docs/adr/embeddable-construct.md). Your own stacks may use `table`, `eventBus`, `alarmTopic`,
 * `apiUrl` and `appUrl`: CDK turns them into cross-stack or nested-stack references.
 */
export class OrgInvitations extends Construct {
  /** The checked settings, defaults applied. */
  readonly settings: DeploySettings;
  /** The stack the construct was placed in, whose nested stacks the areas are; undefined in an App or a Stage. */
  readonly parentStack: Stack | undefined;
  readonly data: DataStack;
  readonly web: WebStack;
  readonly api: ApiStack;
  readonly webContent: WebContentStack;
  /** The API's web ACL, in us-east-1: only with `apiWaf`. */
  readonly firewall?: FirewallStack;
  /** The single table (keys: shared/db/table.ts); read it, do not write it behind the API's back. */
  readonly table: ITable;
  /** Integration events: every audit event, `source: org-invitations` (docs/deploy.md, Integration events). */
  readonly eventBus: IEventBus;
  /** Every alarm notifies this topic; subscribe your paging or chat to it. */
  readonly alarmTopic: ITopic;
  /** The API's base URL for clients: `https://<id>.execute-api.<region>.amazonaws.com/`, or the edge's with `apiWaf`. */
  readonly apiUrl: string;
  /** The web app's address (CloudFront, or `webUrl`). */
  readonly appUrl: string;

  constructor(scope: Construct, id: string, props: OrgInvitationsProps) {
    super(scope, id);
    this.settings = settingsOf(props);
    const settings = this.settings;
    const prefix = props.stackNamePrefix ?? `OrgInvitations-${settings.stage}`;
    if (!/^[A-Za-z][A-Za-z0-9-]{0,100}$/.test(prefix)) throw new Error(`stackNamePrefix "${prefix}": letters, digits and dashes, starting with a letter`);
    // In a Stack, the areas are nested stacks of it: a construct there cannot create stacks of its own.
    this.parentStack = this.node.scopes
      .slice(0, -1)
      .reverse()
      .find((c): c is Stack => Stack.isStack(c));
    const nested = this.parentStack !== undefined;
    const area = (name: string, description: string) => ({
      description: `org-invitations: ${description}`,
      ...(nested ? {} : { stackName: `${prefix}-${name}`, ...(props.env ? { env: props.env } : {}) }),
    });
    const Data = nested ? NestedDataStack : DataStack;
    const Web = nested ? NestedWebStack : WebStack;
    const Api = nested ? NestedApiStack : ApiStack;
    const WebContent = nested ? NestedWebContentStack : WebContentStack;

    // Data -> Web (the app's address, its OAuth client) -> Api (email links, CORS) -> WebContent (config.json has the API's URL)
    this.data = new Data(this, `${prefix}-Data`, { ...area('Data', 'table, secret, identity, queues'), settings });
    this.web = new Web(this, `${prefix}-Web`, { ...area('Web', 'web app hosting (S3, CloudFront), hosted UI'), settings, data: this.data });
    // Only with apiWaf: the web ACL, in us-east-1, which the Api stack's CloudFront distribution refers to
    if (settings.apiWaf) {
      const waf = settings.apiWaf;
      const description = "org-invitations: the API's AWS WAF web ACL (us-east-1)";
      if (nested) {
        const region = (this.parentStack as Stack).region;
        if (Token.isUnresolved(region) || region !== 'us-east-1') {
          throw new Error(
            `apiWaf: the web ACL of a CloudFront distribution must be in us-east-1, and nested stacks share their parent's region (${Token.isUnresolved(region) ? 'not set' : region}). ` +
              'Place OrgInvitations in a stack with env.region us-east-1, or in an App or a Stage (docs/adr/api-edge-waf.md).',
          );
        }
        this.firewall = new NestedFirewallStack(this, `${prefix}-Firewall`, { description, settings: { ...settings, apiWaf: waf } });
      } else {
        const region = props.env?.region;
        if (!region || Token.isUnresolved(region)) {
          throw new Error(
            "apiWaf: the stacks need an explicit region (env, or CDK_DEFAULT_REGION from the CLI's credentials), " +
              'because the web ACL lives in us-east-1 and the API stack refers to it across regions (docs/adr/api-edge-waf.md).',
          );
        }
        this.firewall = new FirewallStack(this, `${prefix}-Firewall`, {
          description,
          settings: { ...settings, apiWaf: waf },
          stackName: `${prefix}-Firewall`,
          env: { ...(props.env?.account ? { account: props.env.account } : {}), region: 'us-east-1' },
        });
      }
    }
    this.api = new Api(this, `${prefix}-Api`, {
      ...area('Api', 'API, functions, workers, alarms'),
      settings,
      data: this.data,
      web: this.web,
      ...(this.firewall ? { webAclArn: this.firewall.firewall.webAclArn, ...(nested ? {} : { crossRegionReferences: true }) } : {}),
    });
    this.webContent = new WebContent(this, `${prefix}-WebContent`, {
      ...area('WebContent', 'the web app files and config.json'),
      web: this.web,
      config: { apiUrl: this.api.endpoint, oidc: this.web.oidcConfig(settings, this.data) },
    });
    Tags.of(this).add('app', 'org-invitations');
    Tags.of(this).add('stage', settings.stage);
    applySuppressions(this.data, this.api, this.web, this.webContent, settings);

    this.table = this.data.table;
    this.eventBus = this.data.bus;
    this.alarmTopic = this.api.monitoring.topic;
    this.apiUrl = this.api.url;
    this.appUrl = this.web.appUrl;
  }
}

/** Props to settings through the same checks as CDK context: each prop answers for the context key of its name. */
function settingsOf(props: OrgInvitationsProps): DeploySettings {
  const text = (v: boolean | number | undefined) => (v === undefined ? undefined : String(v));
  const byKey: Record<string, unknown> = {
    stage: props.stage,
    sandbox: text(props.sandbox),
    senderEmail: props.senderEmail,
    senderDomain: props.senderDomain?.domain,
    hostedZoneId: props.senderDomain?.hostedZoneId,
    acceptUrlBase: props.acceptUrlBase,
    webUrl: props.webUrl,
    apiUrl: props.apiUrl,
    webAuthDomainPrefix: props.webAuthDomainPrefix,
    oidcIssuer: props.oidc?.issuer,
    oidcAudience: props.oidc?.audience.join(','),
    oidcWebClientId: props.oidcWebClientId,
    corsOrigins: props.corsOrigins?.join(','),
    alarmEmail: props.alarmEmail,
    sesMaxSendRate: text(props.sesMaxSendRate),
    dispatcherConcurrency: typeof props.dispatcherConcurrency === 'number' ? String(props.dispatcherConcurrency) : props.dispatcherConcurrency,
    tracing: text(props.tracing),
    dashboard: text(props.dashboard),
    selfSignUp: text(props.selfSignUp),
    plans: props.plans,
    sendingGuard: props.sendingGuard,
    allowPlaceholders: text(props.allowPlaceholders),
    apiWafRateLimit: text(props.apiWaf?.limit),
    apiWafPublicRateLimit: text(props.apiWaf?.publicLimit),
  };
  return readSettings({ tryGetContext: (key: string) => byKey[key] });
}
