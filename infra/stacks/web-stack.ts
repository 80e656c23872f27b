import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { CALLBACK_PATH, contentSecurityPolicy, SIGNED_OUT_PATH, securityHeaders, WEB_SCOPES, type WebConfig } from '../../web/hosting.ts';
import type { DeploySettings } from '../settings.ts';
import { type AreaClass, nested, type StackBase, topLevel } from './area.ts';
import type { DataStack } from './data-stack.ts';

const fromRoot = (p: string) => join(import.meta.dirname, '../..', p);
/** The production build of the app (`npm run build:web`); `npm run synth` builds it first. */
export const webDist = fromRoot('web/dist');

export interface WebStackProps extends StackProps {
  settings: DeploySettings;
  data: DataStack;
}

/**
 * Where the web app is served from: a private bucket behind CloudFront (origin access control), the
 * security headers of web/hosting.ts, SPA routing, and, with the stack's user pool, Cognito's hosted
 * UI domain and the app's OAuth client. It comes before the API stack, which takes from it the accept
 * page's URL (the email link) and the origin its CORS allows; the app's files and config.json are
 * deployed after the API (WebContentStack), because config.json holds the API's URL.
 */
function webArea<B extends StackBase>(Base: B) {
  return class WebStack extends Base {
    readonly bucket: s3.Bucket;
    readonly distribution: cloudfront.Distribution;
    /** https://dxxxx.cloudfront.net, or the deployer's own address (context webUrl). */
    readonly appUrl: string;
    readonly acceptUrlBase: string;
    /** The origins the API must allow (CORS): the app's. */
    readonly origins: string[];
    readonly client?: cognito.UserPoolClient;
    readonly authDomain?: cognito.UserPoolDomain;

    // biome-ignore lint/suspicious/noExplicitAny: TypeScript requires a mixin's constructor to take any[]
    constructor(...args: any[]) {
      super(...args);
      const props = args[2] as WebStackProps;
      const { settings, data } = props;
      const removalPolicy = settings.sandbox ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

      this.bucket = new s3.Bucket(this, 'Site', {
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        encryption: s3.BucketEncryption.S3_MANAGED,
        enforceSSL: true,
        objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        versioned: false,
        removalPolicy,
        autoDeleteObjects: settings.sandbox,
      });

      // The identity provider the app talks to: Cognito's endpoints in this region, or the external issuer.
      const region = Stack.of(this).region;
      const authDomainPrefix = settings.webAuthDomainPrefix ?? `org-invitations-${settings.stage}-${Aws.ACCOUNT_ID}`;
      const identityOrigins = settings.oidc
        ? [new URL(settings.oidc.issuer).origin]
        : [`https://cognito-idp.${region}.amazonaws.com`, `https://${authDomainPrefix}.auth.${region}.amazoncognito.com`];
      // The API's URL is only known after the API stack, which needs this one first (the email link, CORS):
      // the CSP allows this region's API Gateway hosts, or exactly the deployer's API domain (context apiUrl).
      // With the API's edge (context apiWafRateLimit) the app calls a CloudFront domain made after this stack.
      const apiOrigins = settings.apiUrl
        ? [new URL(settings.apiUrl).origin]
        : [settings.apiWaf ? 'https://*.cloudfront.net' : `https://*.execute-api.${region}.amazonaws.com`];
      const csp = contentSecurityPolicy([...apiOrigins, ...identityOrigins]);
      const headers = securityHeaders(csp);
      const responseHeaders = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
        comment: 'org-invitations web app: the headers of web/hosting.ts',
        securityHeadersBehavior: {
          contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
          strictTransportSecurity: { accessControlMaxAge: Duration.seconds(63_072_000), includeSubdomains: true, override: true },
          referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
          contentTypeOptions: { override: true },
          frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        },
        customHeadersBehavior: {
          customHeaders: ['cross-origin-opener-policy', 'permissions-policy'].map((header) => ({ header, value: headers[header]!, override: true })),
        },
      });

      // SPA routing: a path without a file extension is a page of the app; missing files stay 404s
      const spaRouting = new cloudfront.Function(this, 'SpaRouting', {
        comment: 'Serve index.html for the app routes (paths without a file extension)',
        runtime: cloudfront.FunctionRuntime.JS_2_0,
        code: cloudfront.FunctionCode.fromInline(
          "function handler(event) { var r = event.request; if (!/\\.[A-Za-z0-9]+$/.test(r.uri)) { r.uri = '/index.html'; } return r; }",
        ),
      });

      this.distribution = new cloudfront.Distribution(this, 'Distribution', {
        comment: `org-invitations ${settings.stage} web app`,
        defaultRootObject: 'index.html',
        httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
        priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
        defaultBehavior: {
          origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: responseHeaders,
          compress: true,
          functionAssociations: [{ function: spaRouting, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
        },
      });

      const distributionUrl = `https://${this.distribution.distributionDomainName}`;
      this.appUrl = settings.webUrl ?? distributionUrl;
      this.acceptUrlBase = settings.acceptUrlBase ?? `${this.appUrl}/accept`;
      // an overridden accept page is the deployer's own app: only its origin may call the API
      this.origins = [settings.acceptUrlBase ? new URL(settings.acceptUrlBase).origin : this.appUrl];
      const signInOrigins = [...new Set([this.appUrl, ...this.origins])];

      if (data.userPool) {
        this.authDomain = new cognito.UserPoolDomain(this, 'HostedUi', { userPool: data.userPool, cognitoDomain: { domainPrefix: authDomainPrefix } });
        // A public client (no secret: it runs in a browser) for the authorization code flow with PKCE
        this.client = new cognito.UserPoolClient(this, 'BrowserClient', {
          userPool: data.userPool,
          userPoolClientName: `org-invitations-${settings.stage}-web`,
          generateSecret: false,
          authFlows: { userSrp: true },
          oAuth: {
            flows: { authorizationCodeGrant: true },
            scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
            callbackUrls: signInOrigins.map((o) => `${o}${CALLBACK_PATH}`),
            logoutUrls: signInOrigins.map((o) => `${o}${SIGNED_OUT_PATH}`),
          },
          supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
          readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, emailVerified: true, fullname: true }),
          preventUserExistenceErrors: true,
          enableTokenRevocation: true,
          idTokenValidity: Duration.hours(1),
          accessTokenValidity: Duration.hours(1),
          refreshTokenValidity: Duration.hours(12),
        });
        new CfnOutput(this, 'WebClientId', { value: this.client.userPoolClientId });
        new CfnOutput(this, 'HostedUiUrl', { value: this.authDomain.baseUrl() });
      }
      new CfnOutput(this, 'AppUrl', { value: this.appUrl });
      new CfnOutput(this, 'AcceptUrlBase', { value: this.acceptUrlBase });
    }

    /** What config.json tells the app about sign-in. */
    oidcConfig(settings: DeploySettings, data: DataStack): WebConfig['oidc'] {
      if (settings.oidc) {
        // the ID token's audience is the client id, so the app's client is one of the API's audiences
        return { authority: settings.oidc.issuer, clientId: settings.oidcWebClientId ?? settings.oidc.audience[0]!, scopes: WEB_SCOPES };
      }
      const pool = data.userPool as cognito.UserPool;
      return {
        authority: `https://cognito-idp.${Stack.of(pool).region}.amazonaws.com/${pool.userPoolId}`,
        clientId: (this.client as cognito.UserPoolClient).userPoolClientId,
        scopes: WEB_SCOPES,
        // Cognito's discovery document lists no end_session_endpoint; its managed login signs out here
        logoutUrl: `${(this.authDomain as cognito.UserPoolDomain).baseUrl()}/logout`,
      };
    }
  };
}

/** The Web area as a stack of its own, and as a nested stack (infra/stacks/area.ts). */
export type WebStack = InstanceType<ReturnType<typeof webArea<StackBase>>>;
export const WebStack: AreaClass<WebStackProps, WebStack> = webArea(topLevel);
export const NestedWebStack: AreaClass<WebStackProps, WebStack> = webArea(nested);

export interface WebContentStackProps extends StackProps {
  web: WebStack;
  config: WebConfig;
}

/**
 * The app's files and its config.json, deployed after the API stack. Hashed assets are cached for a
 * year and never deleted on a deploy (a page loaded before it may still ask for them); index.html and
 * config.json are revalidated on every load and invalidated in CloudFront.
 */
function webContentArea<B extends StackBase>(Base: B) {
  return class WebContentStack extends Base {
    // biome-ignore lint/suspicious/noExplicitAny: TypeScript requires a mixin's constructor to take any[]
    constructor(...args: any[]) {
      super(...args);
      const props = args[2] as WebContentStackProps;
      const { web, config } = props;
      new s3deploy.BucketDeployment(this, 'Assets', {
        destinationBucket: web.bucket,
        sources: [s3deploy.Source.asset(webDist, { exclude: ['index.html', '*.map'] })],
        cacheControl: [s3deploy.CacheControl.fromString('public, max-age=31536000, immutable')],
        prune: false,
      });
      new s3deploy.BucketDeployment(this, 'Entry', {
        destinationBucket: web.bucket,
        sources: [s3deploy.Source.data('index.html', readFileSync(join(webDist, 'index.html'), 'utf8')), s3deploy.Source.jsonData('config.json', config)],
        cacheControl: [s3deploy.CacheControl.noCache()],
        prune: false,
        distribution: web.distribution,
        distributionPaths: ['/', '/index.html', '/config.json'],
      });
    }
  };
}

/** The WebContent area as a stack of its own, and as a nested stack (infra/stacks/area.ts). */
export type WebContentStack = InstanceType<ReturnType<typeof webContentArea<StackBase>>>;
export const WebContentStack: AreaClass<WebContentStackProps, WebContentStack> = webContentArea(topLevel);
export const NestedWebContentStack: AreaClass<WebContentStackProps, WebContentStack> = webContentArea(nested);
