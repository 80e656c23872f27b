import { Duration, type RemovalPolicy, type Stack, Token } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer, HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { allowedOrigins, corsRules } from '../../functions/http/cors.ts';
import { HTTP_TIMEOUT_SECONDS, routeSpecs, scopes } from '../../functions/http/routes.ts';
import type { ApiFunction } from '../constructs/api-function.ts';
import type { DeploySettings } from '../settings.ts';
import type { DataStack } from './data-stack.ts';

/** How the Api stack makes a function: its entry, props beyond the stack's defaults, whether it gets the link secret. */
export type FunctionMaker = (fnId: string, entry: string, extra?: Partial<ConstructorParameters<typeof ApiFunction>[2]>, linkSecret?: boolean) => ApiFunction;

/** The web app (web-stack.ts): its accept page is the email link, its origins the CORS allow list, its client an audience. */
export interface ApiWeb {
  acceptUrlBase: string;
  origins: string[];
  client?: cognito.UserPoolClient;
}

export interface HttpApiProps {
  settings: DeploySettings;
  data: DataStack;
  web: ApiWeb;
  fn: FunctionMaker;
  name: (what: string) => string;
  logRetention: RetentionDays;
  removalPolicy: RemovalPolicy;
}

/**
 * The HTTP API of the Api stack: one route and one function per entry of the route table
 * (functions/http/routes.ts), its CORS rules, authorizer, stage, access log and throttles. The
 * constructs are the stack's own children (their ids, and so the template's logical ids, are the
 * ones they had when this was written inline in api-stack.ts).
 */
export function addHttpApi(scope: Stack, { settings, data, web, fn, name, logRetention, removalPolicy }: HttpApiProps) {
  const backend = data.userPool ? addBackendClient(scope, data.userPool, name) : undefined;
  const authorizer = settings.oidc
    ? new HttpJwtAuthorizer('Oidc', settings.oidc.issuer, { jwtAudience: settings.oidc.audience })
    : new HttpUserPoolAuthorizer('Cognito', data.userPool as NonNullable<DataStack['userPool']>, {
        userPoolClients: [
          data.userPoolClient as NonNullable<DataStack['userPoolClient']>,
          ...(web.client ? [web.client] : []),
          // the backend's client-credentials tokens carry its id in client_id, which the authorizer checks
          ...(backend ? [backend.client] : []),
        ],
      });
  const api = new apigw.HttpApi(scope, 'Api', {
    apiName: name('api'),
    createDefaultStage: false,
    // The web app that hosts the accept page calls the API from the browser: allow its origin only.
    // API Gateway answers the preflight itself, before any authorizer.
    // The rules live in functions/http/cors.ts, which the local server answers by too.
    corsPreflight: {
      // the web app's origins (web-stack.ts) and the context's corsOrigins
      // an accept URL derived from the distribution is a token (its origin is already in web.origins):
      // only a literal one can be parsed for its origin
      allowOrigins: [
        ...new Set([
          ...web.origins,
          ...(Token.isUnresolved(web.acceptUrlBase)
            ? settings.corsOrigins.map((o) => new URL(o).origin)
            : allowedOrigins(web.acceptUrlBase, settings.corsOrigins)),
        ]),
      ],
      allowMethods: corsRules.allowMethods.map((m) => apigw.CorsHttpMethod[m]),
      allowHeaders: [...corsRules.allowHeaders],
      exposeHeaders: [...corsRules.exposeHeaders],
      maxAge: Duration.seconds(corsRules.maxAgeSeconds),
    },
  });
  const accessLogs = new LogGroup(scope, 'AccessLogs', { retention: logRetention, removalPolicy });
  const stage = new apigw.HttpStage(scope, 'DefaultStage', {
    httpApi: api,
    stageName: '$default',
    autoDeploy: true,
    // a sandbox is a trial: small limits, so a leaked URL cannot run up a bill
    throttle: settings.sandbox ? { rateLimit: 10, burstLimit: 20 } : { rateLimit: 100, burstLimit: 200 },
    accessLogSettings: {
      destination: new apigw.LogGroupLogDestination(accessLogs),
      format: AccessLogFormat.custom(
        JSON.stringify({
          requestId: '$context.requestId',
          ip: '$context.identity.sourceIp',
          routeKey: '$context.routeKey',
          status: '$context.status',
          latency: '$context.responseLatency',
          sub: '$context.authorizer.claims.sub',
          authorizerError: '$context.authorizer.error',
          integrationError: '$context.integrationErrorMessage',
        }),
      ),
    },
  });

  // The routes anyone may call without a token get their own, lower throttle: a flood of them is
  // refused by API Gateway before it reaches a function, and leaves the stage's budget to the rest.
  const publicThrottle = settings.sandbox ? { ThrottlingRateLimit: 2, ThrottlingBurstLimit: 5 } : { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 };
  const routeSettings: Record<string, typeof publicThrottle> = {};
  const cfnStage = stage.node.defaultChild as apigw.CfnStage;
  // One execution role per access class (table none/read/write, with or without the link secret), not
  // per route: routes of a class need exactly the same grants, and a role and its policy are two of
  // the stack's 500 resources (docs/adr/room-to-grow.md).
  const routeRoles = new Map<string, iam.Role>();
  const roleFor = (access: (typeof routeSpecs)[number]['access']) => {
    const key = `${access.table}${access.linkSecret ? 'Secret' : ''}`;
    let role = routeRoles.get(key);
    if (!role) {
      role = new iam.Role(scope, `RouteRole${key[0]?.toUpperCase()}${key.slice(1)}`, {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: `Execution role of the routes with table access ${access.table}${access.linkSecret ? ' and the link secret' : ''}`,
      });
      routeRoles.set(key, role);
    }
    return role;
  };
  const routeFunctions: Record<string, ApiFunction> = {};
  for (const route of routeSpecs) {
    const handler = fn(
      route.id,
      `functions/http/${route.entry}`,
      {
        description: `${route.method} ${route.path}`,
        role: roleFor(route.access),
        timeout: Duration.seconds(HTTP_TIMEOUT_SECONDS),
      },
      route.access.linkSecret === true,
    ).bindTable({ table: data.table, access: route.access.table });
    routeFunctions[route.id] = handler;
    const [added] = api.addRoutes({
      path: route.path,
      methods: [apigw.HttpMethod[route.method]],
      integration: new HttpLambdaIntegration(`${route.id}Integration`, handler),
      authorizer: route.auth ? authorizer : new apigw.HttpNoneAuthorizer(),
    });
    if (!route.auth && added) {
      routeSettings[`${route.method} ${route.path}`] = publicThrottle;
      // a stage's route settings may only name routes that exist
      cfnStage.addDependency(added.node.defaultChild as apigw.CfnRoute);
    }
  }
  cfnStage.routeSettings = routeSettings;
  return { api, stage, routeFunctions, backendClient: backend?.client };
}

/**
 * Service principals (docs/adr/service-principals.md): the API as a Cognito resource server whose
 * scopes are the route table's, and an app client for the deployer's backend with the
 * client-credentials flow and a secret (it gets tokens at the user pool domain's /oauth2/token). The
 * Lambda checks each route's scope; API Gateway's route scopes would refuse users' ID tokens, which
 * carry none.
 */
function addBackendClient(scope: Stack, userPool: cognito.IUserPool, name: (what: string) => string) {
  const resourceScopes = scopes.map((s) => new cognito.ResourceServerScope({ scopeName: s, scopeDescription: `org-invitations API: ${s}` }));
  const server = new cognito.UserPoolResourceServer(scope, 'ApiResourceServer', {
    userPool,
    identifier: 'org-invitations',
    userPoolResourceServerName: name('api'),
    scopes: resourceScopes,
  });
  const client = new cognito.UserPoolClient(scope, 'BackendClient', {
    userPool,
    userPoolClientName: name('backend'),
    generateSecret: true,
    authFlows: {},
    oAuth: { flows: { clientCredentials: true }, scopes: resourceScopes.map((s) => cognito.OAuthScope.resourceServer(server, s)) },
    accessTokenValidity: Duration.hours(1),
    preventUserExistenceErrors: true,
  });
  return { server, client };
}
