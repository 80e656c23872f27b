import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from '../../web/hosting.ts';
import { resourcesOf, synth } from './synth.ts';

const SYNTH_TIMEOUT = 120_000;
let derived: ReturnType<typeof synth>;
let overridden: ReturnType<typeof synth>;

// derived: no acceptUrlBase, the web stack's distribution is the app; overridden: the deployer's own address
beforeAll(() => {
  derived = synth({ acceptUrlBase: undefined });
  overridden = synth({ acceptUrlBase: 'https://app.example.org/accept' });
}, SYNTH_TIMEOUT * 2);

const distributionDomain = { 'Fn::GetAtt': [Match.stringLikeRegexp('^Distribution'), 'DomainName'] };

describe('the web stack', () => {
  it('keeps the app in a private, encrypted bucket that only the distribution can read (origin access control)', () => {
    derived.web.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: Match.objectLike({}),
    });
    derived.web.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    derived.web.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue(), S3OriginConfig: { OriginAccessIdentity: '' } })],
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https', AllowedMethods: ['GET', 'HEAD'] }),
        DefaultRootObject: 'index.html',
      }),
    });
    const policy = Object.values(resourcesOf(derived.web, 'AWS::S3::BucketPolicy'))[0]!;
    const statements = JSON.stringify(policy.Properties?.PolicyDocument);
    expect(statements).toContain('cloudfront.amazonaws.com');
    expect(statements).toContain('AWS:SourceArn');
  });

  it('sends the headers of web/hosting.ts: a CSP without inline scripts, HSTS, no framing, no referrer', () => {
    const policy = Object.values(resourcesOf(derived.web, 'AWS::CloudFront::ResponseHeadersPolicy'))[0]!;
    const config = (policy.Properties as { ResponseHeadersPolicyConfig: Record<string, any> }).ResponseHeadersPolicyConfig;
    const security = config.SecurityHeadersConfig;
    const csp = JSON.stringify(security.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain('execute-api.');
    expect(csp).toContain('.amazoncognito.com');
    expect(security.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true, Override: true });
    expect(security.ReferrerPolicy).toMatchObject({ ReferrerPolicy: 'no-referrer', Override: true });
    expect(security.FrameOptions).toMatchObject({ FrameOption: 'DENY' });
    expect(security.ContentTypeOptions).toMatchObject({ Override: true });
    // the same values the local web server sends
    const local = securityHeaders(contentSecurityPolicy([]));
    for (const h of config.CustomHeadersConfig.Items as { Header: string; Value: string }[]) expect(h.Value).toBe(local[h.Header]);
  });

  it("routes the app's paths to index.html with a viewer-request function, leaving missing files 404", () => {
    const fn = Object.values(resourcesOf(derived.web, 'AWS::CloudFront::Function'))[0]!;
    const code = String((fn.Properties as { FunctionCode: string }).FunctionCode);
    const handler = new Function(`${code}; return handler;`)() as (e: { request: { uri: string } }) => { uri: string };
    expect(handler({ request: { uri: '/accept' } }).uri).toBe('/index.html');
    expect(handler({ request: { uri: '/orgs/org_1' } }).uri).toBe('/index.html');
    expect(handler({ request: { uri: '/assets/index-abc.js' } }).uri).toBe('/assets/index-abc.js');
    expect(handler({ request: { uri: '/config.json' } }).uri).toBe('/config.json');
  });

  it('adds the hosted UI domain and a public PKCE client whose callback is the app', () => {
    derived.web.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    derived.web.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: Match.arrayWith(['openid', 'email', 'profile']),
      CallbackURLs: [{ 'Fn::Join': ['', ['https://', distributionDomain, '/signin/callback']] }],
    });
  });

  it("derives the email link and the API's CORS origin from the distribution, unless the deployer sets acceptUrlBase", () => {
    const envOf = (t: typeof derived.api) => {
      const fns = Object.values(resourcesOf(t, 'AWS::Lambda::Function'));
      return fns.map((f) => (f.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables?.ACCEPT_URL_BASE).find(Boolean);
    };
    expect(JSON.stringify(envOf(derived.api))).toMatch(/Fn::ImportValue.*Distribution.*DomainName/);
    expect(JSON.stringify(envOf(derived.api))).toContain('/accept');
    const cors = (t: typeof derived.api) =>
      Object.values(resourcesOf(t, 'AWS::ApiGatewayV2::Api'))[0]!.Properties?.CorsConfiguration as { AllowOrigins: unknown[] };
    expect(JSON.stringify(cors(derived.api).AllowOrigins)).toMatch(/Fn::ImportValue.*Distribution.*DomainName/);

    expect(envOf(overridden.api)).toBe('https://app.example.org/accept');
    expect(JSON.stringify(cors(overridden.api).AllowOrigins)).toContain('https://app.example.org');
  });

  it("lets the API accept ID tokens of the app's client", () => {
    const authorizer = Object.values(resourcesOf(derived.api, 'AWS::ApiGatewayV2::Authorizer'))[0]!;
    expect(JSON.stringify(authorizer.Properties?.JwtConfiguration)).toMatch(/Fn::ImportValue.*BrowserClient/);
  });
});

describe('the web content stack', () => {
  it('deploys the build and a config.json holding the API URL and the sign-in settings', () => {
    derived.webContent.resourceCountIs('Custom::CDKBucketDeployment', 2);
    const deployments = Object.values(resourcesOf(derived.webContent, 'Custom::CDKBucketDeployment'));
    const entry = deployments.find((d) => JSON.stringify(d.Properties).includes('config.json'))!;
    const markers = JSON.stringify(entry.Properties?.SourceMarkers);
    expect(markers).toMatch(/ApiEndpoint|execute-api/);
    expect(markers).toMatch(/Users/);
    expect(markers).toMatch(/BrowserClient/);
    expect(JSON.stringify(entry.Properties?.DistributionPaths)).toContain('/config.json');
    expect(entry.Properties?.Prune).toBe(false);
  });
});
