import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { routes } from '../../functions/http/routes.ts';
import { pathStatement, rateLimitedBody } from '../../infra/constructs/api-firewall.ts';
import { OrgInvitations } from '../../infra/org-invitations.ts';
import { guardExceptions } from '../../infra/policy-exceptions.ts';
import { readSettings } from '../../infra/settings.ts';
import { resourcesOf, synth } from './synth.ts';

/** Issue 17, item 5: the optional per-IP limits at an edge in front of the API (docs/adr/api-edge-waf.md). */
const SYNTH_TIMEOUT = 600_000;
type Resource = { Type: string; Properties?: Record<string, any> };
const only = (t: Template, type: string) => {
  const found = Object.values(resourcesOf(t, type)) as Resource[];
  expect(found, type).toHaveLength(1);
  return found[0] as Resource;
};
const configJsonMarkers = (t: Template) => {
  const deployments = Object.values(resourcesOf(t, 'Custom::CDKBucketDeployment'));
  const entry = deployments.find((d) => JSON.stringify(d.Properties).includes('config.json'));
  return JSON.stringify(entry?.Properties?.SourceMarkers);
};
const publicPaths = routes.filter((r) => !r.auth).map((r) => r.path);

let plain: ReturnType<typeof synth>;
let edged: ReturnType<typeof synth>;
let firewall: Template;

beforeAll(() => {
  plain = synth();
  // the stacks need a region of their own for the reference from us-east-1 (the CLI sets these from the credentials)
  vi.stubEnv('CDK_DEFAULT_REGION', 'eu-west-1');
  vi.stubEnv('CDK_DEFAULT_ACCOUNT', '123456789012');
  edged = synth({ apiWafRateLimit: '2000' }, { nag: true });
  firewall = Template.fromStack(edged.firewall as Stack);
}, SYNTH_TIMEOUT);
afterAll(() => {
  vi.unstubAllEnvs();
});

describe('without apiWafRateLimit (the default)', () => {
  it('no edge exists: no web ACL, no stack in us-east-1, no distribution in front of the API, clients get the execute-api URL', () => {
    expect(plain.firewall).toBeUndefined();
    expect(plain.app.node.findAll().filter((c) => Stack.isStack(c) && !c.nested)).toHaveLength(4);
    for (const t of [plain.data, plain.api, plain.web, plain.webContent]) {
      expect(Object.keys(resourcesOf(t, 'AWS::WAFv2::WebACL'))).toEqual([]);
      expect(JSON.stringify(t.toJSON())).not.toMatch(/CrossRegionExport|OriginUrl/);
    }
    expect(Object.keys(resourcesOf(plain.api, 'AWS::CloudFront::Distribution'))).toEqual([]);
    expect(JSON.stringify(plain.api.toJSON().Outputs.ApiUrl.Value)).toMatch(/execute-api/);
    expect(configJsonMarkers(plain.webContent)).toMatch(/ApiEndpoint/);
    expect(configJsonMarkers(plain.webContent)).not.toMatch(/Edge/);
    expect(JSON.stringify(plain.web.toJSON())).toMatch(/connect-src[^;"]*https:\/\/\*\.execute-api\./);
  });
});

describe('with apiWafRateLimit=2000: the web ACL', () => {
  it("is CloudFront-scoped, in a stack of its own in us-east-1, whatever the stage's region", () => {
    expect(edged.firewall?.region).toBe('us-east-1');
    expect(edged.stacks.api.region).toBe('eu-west-1');
    expect(edged.firewall?.stackName).toBe('OrgInvitations-test-Firewall');
    expect(only(firewall, 'AWS::WAFv2::WebACL').Properties?.Scope).toBe('CLOUDFRONT');
    for (const t of [edged.data, edged.api, edged.web, edged.webContent]) expect(Object.keys(resourcesOf(t, 'AWS::WAFv2::WebACL'))).toEqual([]);
  });

  it('blocks an IP over the configured limit in 5 minutes, on every route, with 429 problem+json and Retry-After', () => {
    const acl = only(firewall, 'AWS::WAFv2::WebACL').Properties as Record<string, any>;
    expect(acl.DefaultAction).toEqual({ Allow: {} });
    const all = acl.Rules.find((r: any) => r.Name === 'all-routes-per-ip');
    expect(all.Statement).toEqual({ RateBasedStatement: { Limit: 2000, AggregateKeyType: 'IP', EvaluationWindowSec: 300 } });
    expect(all.Action.Block.CustomResponse).toEqual({
      ResponseCode: 429,
      CustomResponseBodyKey: 'rate-limited',
      ResponseHeaders: [{ Name: 'retry-after', Value: '60' }],
    });
    const body = acl.CustomResponseBodies['rate-limited'];
    // WAF offers text, HTML or JSON as the content type (not application/problem+json); the body is the API's problem shape
    expect(body.ContentType).toBe('APPLICATION_JSON');
    expect(JSON.parse(body.Content)).toEqual(rateLimitedBody);
    expect(JSON.parse(body.Content)).toMatchObject({ status: 429, code: 'ip_rate_limited', title: expect.any(String) });
  });

  it("has a lower limit (default a tenth) scoped down to exactly the route table's unauthenticated paths", () => {
    const acl = only(firewall, 'AWS::WAFv2::WebACL').Properties as Record<string, any>;
    expect(acl.Rules).toHaveLength(2);
    const pub = acl.Rules.find((r: any) => r.Name === 'public-routes-per-ip');
    const rate = pub.Statement.RateBasedStatement;
    expect(rate).toMatchObject({ Limit: 200, AggregateKeyType: 'IP', EvaluationWindowSec: 300 });
    expect(pub.Action.Block.CustomResponse.ResponseCode).toBe(429);
    const scoped = (rate.ScopeDownStatement.OrStatement.Statements as any[]).map((s) => {
      expect(s.ByteMatchStatement.FieldToMatch).toEqual({ UriPath: {} });
      expect(s.ByteMatchStatement.PositionalConstraint).toBe('EXACTLY');
      // decoded and lower-cased first: an encoded or re-cased path cannot slip past the lower limit
      expect(s.ByteMatchStatement.TextTransformations).toEqual([
        { Priority: 0, Type: 'URL_DECODE' },
        { Priority: 1, Type: 'LOWERCASE' },
      ]);
      return s.ByteMatchStatement.SearchString as string;
    });
    expect(scoped.sort()).toEqual([...publicPaths].sort());
    expect(scoped).toContain('/invitations/preview');
    expect(scoped).not.toContain('/orgs');
  });

  it('a public path with a parameter would be matched by a regex of its segments, not as literal text', () => {
    const regex = (pathStatement('/Links/{token}/open.json').regexMatchStatement as { regexString: string }).regexString;
    expect(regex).toBe('^/links/[^/]+/open\\.json$');
    const re = new RegExp(regex);
    expect(re.test('/links/abc/open.json')).toBe(true);
    expect(re.test('/links/a/b/open.json')).toBe(false);
    expect(re.test('/links/abc/openxjson')).toBe(false);
  });
});

describe('with apiWafRateLimit=2000: the distribution in front of the API', () => {
  it("has the API's execute-api domain as its only origin, over HTTPS only, and the web ACL from us-east-1", () => {
    const config = only(edged.api, 'AWS::CloudFront::Distribution').Properties?.DistributionConfig;
    expect(config.Origins).toHaveLength(1);
    const origin = config.Origins[0];
    const apiId = Object.keys(resourcesOf(edged.api, 'AWS::ApiGatewayV2::Api'))[0];
    expect(origin.DomainName).toEqual({ 'Fn::Join': ['', [{ Ref: apiId }, '.execute-api.eu-west-1.', { Ref: 'AWS::URLSuffix' }]] });
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('https-only');
    // the web ACL's ARN, written by the Firewall stack to SSM in this region and read here at deploy time
    const webAcl = JSON.stringify(config.WebACLId);
    expect(webAcl).toMatch(/ExportsReader/);
    expect(webAcl).toMatch(/Firewall.*ApiFirewallWebAcl.*Arn/);
    expect(JSON.stringify(firewall.toJSON())).toMatch(/CrossRegionExportWriter/);
  });

  it('caches nothing, allows every method and forwards every viewer header but Host (Authorization, Idempotency-Key) and the query string', () => {
    const behavior = only(edged.api, 'AWS::CloudFront::Distribution').Properties?.DistributionConfig.DefaultCacheBehavior;
    // AWS managed policies: CachingDisabled, and AllViewerExceptHostHeader, under which CloudFront forwards
    // the Authorization header when caching is disabled (it refuses Authorization in an origin request policy otherwise)
    expect(behavior.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
    expect(behavior.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac');
    expect(behavior.AllowedMethods.sort()).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
    // no header policy of its own that could drop or rewrite what the API answers (CORS, RateLimit)
    expect(behavior.ResponseHeadersPolicyId).toBeUndefined();
    for (const method of new Set(routes.map((r) => r.method))) expect(behavior.AllowedMethods).toContain(method);
  });

  it("gives clients the edge's URL: output ApiUrl, the construct's apiUrl and the web app's config.json; the execute-api URL is output OriginUrl only", () => {
    const outputs = edged.api.toJSON().Outputs;
    const distributionId = Object.keys(resourcesOf(edged.api, 'AWS::CloudFront::Distribution'))[0];
    expect(outputs.ApiUrl.Value).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/']] });
    expect(JSON.stringify(outputs.OriginUrl.Value)).toMatch(/execute-api/);
    expect(outputs.OriginUrl.Description).toMatch(/still reachable/);
    expect(edged.stacks.api.resolve(edged.service.apiUrl)).toEqual(outputs.ApiUrl.Value);
    const markers = configJsonMarkers(edged.webContent);
    expect(markers).toMatch(/EdgeDistribution.*DomainName/);
    expect(markers).not.toMatch(/execute-api|ApiEndpoint/);
    // the app's CSP lets it call a CloudFront host instead of this region's execute-api hosts
    const csp = JSON.stringify(edged.web.toJSON());
    expect(csp).toMatch(/connect-src[^;"]*https:\/\/\*\.cloudfront\.net/);
    expect(csp).not.toMatch(/connect-src[^;"]*execute-api/);
  });
});

describe('with apiWafRateLimit=2000: the checks the templates are held to', () => {
  it('cdk-nag reports no unsuppressed finding on any stack, the Firewall stack included', () => {
    for (const stack of [edged.stacks.data, edged.stacks.api, edged.stacks.web, edged.stacks.webContent, edged.firewall as Stack]) {
      const findings = [
        ...Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('(AwsSolutions|Serverless)-.*')),
        ...Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('(AwsSolutions|Serverless)-.*')),
      ].map((f) => `${f.id}: ${String(f.entry.data).split(':')[0]}`);
      expect(findings, stack.stackName).toEqual([]);
    }
    // the edge's suppressions are on the distribution and say why
    const distribution = Object.values(edged.api.toJSON().Resources as Record<string, any>).find((r) => r.Type === 'AWS::CloudFront::Distribution');
    const suppressed = distribution.Metadata.cdk_nag.rules_to_suppress as { id: string; reason: string }[];
    expect(suppressed.map((r) => r.id).sort()).toEqual(['AwsSolutions-CFR1', 'AwsSolutions-CFR3', 'AwsSolutions-CFR4']);
    for (const r of suppressed) expect(r.reason.length, r.id).toBeGreaterThan(80);
  });

  it(
    'the Control Tower guard rules find nothing in the Firewall and Api templates that infra/policy-exceptions.ts does not explain',
    () => {
      const assembly = edged.app.synth();
      const templatePaths = [edged.stacks.api, edged.firewall as Stack].map((stack) => assembly.getStackByName(stack.stackName).templateFullPath);
      const report = new CfnGuardValidator().validate({ templatePaths, appConstruct: edged.app } as never);
      const violations = report.violations.flatMap((v) => v.violatingResources.map((r) => ({ rule: v.ruleName, resource: r.resourceLogicalId ?? '' })));
      expect(violations.length).toBeGreaterThan(0);
      const unexplained = violations.filter((v) => !guardExceptions.some((e) => e.rule === v.rule && e.resources.test(v.resource)));
      expect(unexplained.map((v) => `${v.rule} ${v.resource}`)).toEqual([]);
      // the edge's own exceptions are not stale: each matches a violation of the edge
      for (const e of guardExceptions.filter((x) => x.when === 'apiWaf')) {
        expect(
          violations.some((v) => v.rule === e.rule && e.resources.test(v.resource)),
          e.rule,
        ).toBe(true);
        expect(e.reason.length, e.rule).toBeGreaterThan(80);
      }
    },
    SYNTH_TIMEOUT,
  );
});

describe('the settings', () => {
  const settings = (context: Record<string, unknown>) =>
    readSettings(new App({ context: { stage: 'prod', senderEmail: 'invitations@acme.io', ...context } }).node);

  it("apiWafRateLimit is requests per 5 minutes per IP within WAF's bounds; the public limit defaults to a tenth, at least 10, and never exceeds it", () => {
    expect(settings({}).apiWaf).toBeUndefined();
    expect(settings({ apiWafRateLimit: '2000' }).apiWaf).toEqual({ limit: 2000, publicLimit: 200 });
    expect(settings({ apiWafRateLimit: '50' }).apiWaf).toEqual({ limit: 50, publicLimit: 10 });
    expect(settings({ apiWafRateLimit: '1000', apiWafPublicRateLimit: '300' }).apiWaf).toEqual({ limit: 1000, publicLimit: 300 });
    for (const bad of ['9', '0', '-5', '100.5', 'lots', '2000000001']) expect(() => settings({ apiWafRateLimit: bad }), bad).toThrow(/apiWafRateLimit/);
    expect(() => settings({ apiWafRateLimit: '1000', apiWafPublicRateLimit: '2000' })).toThrow(/apiWafPublicRateLimit 2000: at most apiWafRateLimit/);
    expect(() => settings({ apiWafPublicRateLimit: '100' })).toThrow(/only with apiWafRateLimit/);
  });

  it(
    'the construct refuses an edge it cannot place: no explicit region in an App, a nested area outside us-east-1',
    () => {
      const props = { stage: 'test', senderEmail: 'invitations@example.org', allowPlaceholders: true, apiWaf: { limit: 1000 } };
      const app = () => new App({ context: { 'aws:cdk:bundling-stacks': [] }, outdir: mkdtempSync(join(tmpdir(), 'cdk-edge-')) });
      expect(() => new OrgInvitations(app(), 'Invitations', props)).toThrow(/apiWaf: the stacks need an explicit region/);
      const inEurope = new Stack(app(), 'Team', { env: { account: '123456789012', region: 'eu-west-1' } });
      expect(() => new OrgInvitations(inEurope, 'Invitations', props)).toThrow(
        /apiWaf: the web ACL of a CloudFront distribution must be in us-east-1.*eu-west-1/,
      );
      // in a us-east-1 stack the web ACL is one more nested stack, and the API's distribution refers to it
      const inVirginia = new Stack(app(), 'Team', { env: { account: '123456789012', region: 'us-east-1' } });
      const service = new OrgInvitations(inVirginia, 'Invitations', props);
      expect(service.firewall?.nestedStackParent).toBe(inVirginia);
      Template.fromStack(service.firewall as Stack).hasResourceProperties('AWS::WAFv2::WebACL', { Scope: 'CLOUDFRONT' });
      expect(JSON.stringify(Template.fromStack(service.api).toJSON())).toMatch(/WebACLId/);
    },
    SYNTH_TIMEOUT,
  );
});
