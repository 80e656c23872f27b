import { CfnOutput, type StackProps } from 'aws-cdk-lib';
import { routes } from '../../functions/http/routes.ts';
import { ApiFirewall } from '../constructs/api-firewall.ts';
import type { DeploySettings } from '../settings.ts';
import { type AreaClass, nested, type StackBase, topLevel } from './area.ts';

export interface FirewallStackProps extends StackProps {
  settings: DeploySettings & { apiWaf: NonNullable<DeploySettings['apiWaf']> };
}

/**
 * The API's web ACL (infra/constructs/api-firewall.ts), only with context apiWafRateLimit. In
 * us-east-1 whatever the stage's region, because CloudFront takes its web ACLs from there; the Api
 * stack's distribution refers to it across regions (docs/adr/api-edge-waf.md). It depends on nothing
 * else of the service: its rules are the settings and the route table's public routes.
 */
function firewallArea<B extends StackBase>(Base: B) {
  return class FirewallStack extends Base {
    readonly firewall: ApiFirewall;

    // biome-ignore lint/suspicious/noExplicitAny: TypeScript requires a mixin's constructor to take any[]
    constructor(...args: any[]) {
      super(...args);
      const { settings } = args[2] as FirewallStackProps;
      this.firewall = new ApiFirewall(this, 'ApiFirewall', {
        name: `org-invitations-${settings.stage}-api`,
        limit: settings.apiWaf.limit,
        publicLimit: settings.apiWaf.publicLimit,
        // the route table decides which routes are public; a new public route is covered by the next deploy
        publicPaths: [...new Set(routes.filter((r) => !r.auth).map((r) => r.path))],
      });
      new CfnOutput(this, 'WebAclArn', { value: this.firewall.webAclArn });
    }
  };
}

/** The Firewall area as a stack of its own (in us-east-1), and as a nested stack of a us-east-1 stack. */
export type FirewallStack = InstanceType<ReturnType<typeof firewallArea<StackBase>>>;
export const FirewallStack: AreaClass<FirewallStackProps, FirewallStack> = firewallArea(topLevel);
export const NestedFirewallStack: AreaClass<FirewallStackProps, FirewallStack> = firewallArea(nested);
