/** The fixed monthly part of the bill, read from the synthesized templates, and what the optional edge adds. */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../infra/build-app.ts';
import { money } from './cost-usage.ts';
import { prices } from './prices.ts';

/** Fixed monthly cost, read from the templates of a production stage with default settings. */
export function fixedCost(context: Record<string, unknown> = {}) {
  const app = new App({
    context: {
      stage: 'cost',
      sandbox: 'false',
      senderEmail: 'invitations@example.org',
      acceptUrlBase: 'https://app.example.org/accept',
      allowPlaceholders: 'true',
      'aws:cdk:bundling-stacks': [],
      ...context,
    },
  });
  // the edge's web ACL lives in us-east-1 and needs the stacks' region named (docs/adr/api-edge-waf.md)
  const built = buildApp(app, context.apiWafRateLimit === undefined ? undefined : { region: 'us-east-1' });
  const resources = [built.data, built.api, built.api.monitoringStack, ...(built.firewall ? [built.firewall] : [])].flatMap((s) =>
    Object.values(Template.fromStack(s).toJSON().Resources as Record<string, { Type: string; Properties?: Record<string, unknown> }>),
  );
  const ofType = (t: string) => resources.filter((r) => r.Type === t);
  const alarmMetrics = ofType('AWS::CloudWatch::Alarm').reduce((n, a) => {
    const metrics = a.Properties?.Metrics as { MetricStat?: unknown }[] | undefined;
    return n + (metrics ? metrics.filter((m) => m.MetricStat).length : 1);
  }, 0);
  const rows: { item: string; quantity: number; unit: number }[] = [
    { item: 'KMS customer managed key (SNS topics)', quantity: ofType('AWS::KMS::Key').length, unit: prices.kms.perKeyMonth },
    { item: 'Secrets Manager secret (link secret)', quantity: ofType('AWS::SecretsManager::Secret').length, unit: prices.secretsManager.perSecretMonth },
    {
      item: `CloudWatch alarm metrics (${ofType('AWS::CloudWatch::Alarm').length} alarms)`,
      quantity: alarmMetrics,
      unit: prices.cloudwatch.perAlarmMetricMonth,
    },
    { item: 'CloudWatch composite alarms', quantity: ofType('AWS::CloudWatch::CompositeAlarm').length, unit: prices.cloudwatch.perCompositeAlarmMonth },
    {
      item: 'CloudWatch dashboards (opt-in: -c dashboard=true)',
      quantity: ofType('AWS::CloudWatch::Dashboard').length,
      unit: prices.cloudwatch.perDashboardMonth,
    },
  ];
  // only with the edge (context apiWafRateLimit): its web ACL and rules are billed by the month
  const webAcls = ofType('AWS::WAFv2::WebACL');
  if (webAcls.length > 0) {
    const rules = webAcls.reduce((n, a) => n + ((a.Properties?.Rules as unknown[] | undefined)?.length ?? 0), 0);
    rows.push(
      { item: "AWS WAF web ACL (the API's edge: -c apiWafRateLimit)", quantity: webAcls.length, unit: prices.waf.perWebAclMonth },
      { item: 'AWS WAF rules (per-IP rate limits)', quantity: rules, unit: prices.waf.perRuleMonth },
    );
  }
  const total = rows.reduce((s, r) => s + r.quantity * r.unit, 0);
  return { rows, total };
}

/** What the optional edge (context apiWafRateLimit) adds: its fixed part from the templates, its price per request. */
export function edgeParagraph(fixed: ReturnType<typeof fixedCost>, withEdge: ReturnType<typeof fixedCost>) {
  const rules = withEdge.rows.find((r) => r.item.startsWith('AWS WAF rules'))?.quantity ?? 0;
  const perMillion = prices.httpApiPerMillion + prices.waf.perMillionRequests + prices.cloudfront.perMillionHttpsRequests;
  return `With per-IP limits at the edge (\`-c apiWafRateLimit=...\`, [deploy.md](deploy.md#per-ip-limits-at-the-edge)): ${money(withEdge.total)} a month
before any traffic, ${money(withEdge.total - fixed.total)} more (the web ACL ${money(prices.waf.perWebAclMonth)} and its ${rules} rules at ${money(prices.waf.perRuleMonth)}; CloudFront has no monthly fee).
Each API request then also pays AWS WAF ${money(prices.waf.perMillionRequests)} a million and, beyond CloudFront's always-free
${(prices.cloudfront.freeRequestsMonth / 1e6).toFixed(0)} million a month, CloudFront ${money(prices.cloudfront.perMillionHttpsRequests)} a million (HTTPS, North America and Europe): ${money(perMillion)}
a million requests instead of the HTTP API's ${money(prices.httpApiPerMillion)} alone. Requests WAF blocks are inspected, and billed, too.`;
}
