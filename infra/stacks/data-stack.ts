import { CfnOutput, Duration, Fn, RemovalPolicy, type StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as secrets from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { tableDefinition } from '../../shared/db/table.ts';
import type { DeploySettings } from '../settings.ts';
import { type AreaClass, nested, type StackBase, topLevel } from './area.ts';

export interface DataStackProps extends StackProps {
  settings: DeploySettings;
}

/**
 * The stateful half: what holds data or identity and must survive a redeploy of the code. In a
 * production stage it is retained and protected; in a sandbox stage it goes with the stack.
 */
function dataArea<B extends StackBase>(Base: B) {
  return class DataStack extends Base {
    readonly table: dynamodb.Table;
    readonly linkSecret: secrets.Secret;
    readonly bus: events.EventBus;
    readonly senderIdentity: ses.EmailIdentity;
    /** On-failure destinations: stream records the dispatcher / publisher gave up on, failed reminder invocations. */
    readonly dispatcherDlq: sqs.Queue;
    readonly publisherDlq: sqs.Queue;
    readonly schedulerDlq: sqs.Queue;
    readonly deliveryEventsDlq: sqs.Queue;
    readonly userPool?: cognito.UserPool;
    readonly userPoolClient?: cognito.UserPoolClient;

    // biome-ignore lint/suspicious/noExplicitAny: TypeScript requires a mixin's constructor to take any[]
    constructor(...args: any[]) {
      super(...args);
      const props = args[2] as DataStackProps;
      const { settings } = props;
      const removalPolicy = settings.sandbox ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

      this.table = new dynamodb.Table(this, 'Table', {
        partitionKey: { name: tableDefinition.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: tableDefinition.sortKey, type: dynamodb.AttributeType.STRING },
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        // KMS with the AWS managed key (Control Tower CT.DYNAMODB.PR.2): no monthly key fee, unlike a customer managed one
        encryption: dynamodb.TableEncryption.AWS_MANAGED,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        timeToLiveAttribute: tableDefinition.ttlAttribute,
        stream: dynamodb.StreamViewType[tableDefinition.streamViewType],
        deletionProtection: !settings.sandbox,
        removalPolicy,
      });
      this.table.addGlobalSecondaryIndex({
        indexName: tableDefinition.gsi1.name,
        partitionKey: { name: tableDefinition.gsi1.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: tableDefinition.gsi1.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });

      // Losing or rotating this key invalidates every emailed link and list cursor, hence RETAIN.
      this.linkSecret = new secrets.Secret(this, 'LinkSecret', {
        description: `HMAC key for invitation links and list cursors (${settings.stage})`,
        generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
        removalPolicy,
      });

      this.bus = new events.EventBus(this, 'IntegrationEvents', {
        eventBusName: `org-invitations-${settings.stage}`,
        description: 'Audit events of org-invitations, source "org-invitations", detail-type = audit event type',
      });

      // Verification state lives with the identity: recreating it would mean verifying the sender again.
      // A domain identity (production) signs with Easy DKIM and sends from a MAIL FROM subdomain, so SPF
      // and DKIM both align with the From domain, which DMARC requires.
      this.senderIdentity = new ses.EmailIdentity(
        this,
        'Sender',
        settings.senderDomain
          ? {
              identity: settings.senderDomain.hostedZoneId
                ? ses.Identity.publicHostedZone(
                    route53.PublicHostedZone.fromPublicHostedZoneAttributes(this, 'SenderZone', {
                      hostedZoneId: settings.senderDomain.hostedZoneId,
                      zoneName: settings.senderDomain.domain,
                    }),
                  )
                : ses.Identity.domain(settings.senderDomain.domain),
              mailFromDomain: `mail.${settings.senderDomain.domain}`,
            }
          : { identity: ses.Identity.email(settings.senderEmail) },
      );
      this.senderIdentity.applyRemovalPolicy(removalPolicy);
      if (settings.senderDomain && !settings.senderDomain.hostedZoneId) {
        // the DNS records to add by hand where the domain's zone is kept
        const id = this.senderIdentity;
        const tokens: [string, string][] = [
          [id.dkimDnsTokenName1, id.dkimDnsTokenValue1],
          [id.dkimDnsTokenName2, id.dkimDnsTokenValue2],
          [id.dkimDnsTokenName3, id.dkimDnsTokenValue3],
        ];
        for (const [i, [name, value]] of tokens.entries()) new CfnOutput(this, `DkimRecord${i + 1}`, { value: Fn.join(' ', [name, 'CNAME', value]) });
        const mailFrom = `mail.${settings.senderDomain.domain}`;
        new CfnOutput(this, 'MailFromMxRecord', { value: `${mailFrom} MX 10 feedback-smtp.${this.region}.amazonses.com` });
        new CfnOutput(this, 'MailFromSpfRecord', { value: `${mailFrom} TXT "v=spf1 include:amazonses.com ~all"` });
      }

      const dlq = (name: string) =>
        new sqs.Queue(this, name, {
          retentionPeriod: Duration.days(14),
          encryption: sqs.QueueEncryption.SQS_MANAGED,
          enforceSSL: true,
        });
      this.dispatcherDlq = dlq('DispatcherFailures');
      this.publisherDlq = dlq('PublisherFailures');
      this.schedulerDlq = dlq('ReminderFailures');
      this.deliveryEventsDlq = dlq('DeliveryEventFailures');

      if (!settings.oidc) {
        this.userPool = new cognito.UserPool(this, 'Users', {
          // open sign-up is a deployment choice (infra/settings.ts selfSignUp), not a default
          selfSignUpEnabled: settings.selfSignUp,
          signInAliases: { email: true },
          autoVerify: { email: true },
          // a changed address replaces the verified one only once it is verified itself, so a token never
          // pairs email_verified=true with an address nobody proved (accept binds to the verified email)
          keepOriginal: { email: true },
          standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false, mutable: true } },
          passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
          mfa: cognito.Mfa.OPTIONAL,
          mfaSecondFactor: { sms: false, otp: true },
          accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
          featurePlan: cognito.FeaturePlan.ESSENTIALS,
          deletionProtection: !settings.sandbox,
          removalPolicy,
        });
        this.userPoolClient = this.userPool.addClient('WebClient', {
          // SRP for browsers; USER_PASSWORD_AUTH (password over TLS to Cognito) so the CLI walkthrough in
          // docs/deploy.md can get a token without a browser
          authFlows: { userSrp: true, userPassword: true },
          // the API reads email and email_verified from the ID token: this client must be able to read them
          readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, emailVerified: true, fullname: true }),
          preventUserExistenceErrors: true,
          idTokenValidity: Duration.hours(1),
          accessTokenValidity: Duration.hours(1),
          refreshTokenValidity: Duration.days(30),
        });
      }
    }
  };
}

/** The Data area as a stack of its own, and as a nested stack (infra/stacks/area.ts). */
export type DataStack = InstanceType<ReturnType<typeof dataArea<StackBase>>>;
export const DataStack: AreaClass<DataStackProps, DataStack> = dataArea(topLevel);
export const NestedDataStack: AreaClass<DataStackProps, DataStack> = dataArea(nested);
