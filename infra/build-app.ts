import type { App, Environment } from 'aws-cdk-lib';
import { OrgInvitations } from './org-invitations.ts';
import { readSettings } from './settings.ts';

/**
 * The project's own app for one stage, from CDK context: the same OrgInvitations construct a team
 * adds to its app, with the context's settings as its props. infra/app.ts and the infra tests build it here.
 */
export function buildApp(app: App, env: Environment = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION }) {
  const settings = readSettings(app.node);
  const allowPlaceholders = [true, 'true'].includes(app.node.tryGetContext('allowPlaceholders'));
  // 'Default' is the id CDK leaves out of every generated id and name: the stacks, their logical ids
  // and the names derived from construct paths stay those of the app before the construct existed
  // (0.2.0), so an upgrade replaces nothing (docs/adr/embeddable-construct.md).
  const service = new OrgInvitations(app, 'Default', { ...settings, allowPlaceholders, env });
  return {
    service,
    data: service.data,
    api: service.api,
    web: service.web,
    webContent: service.webContent,
    firewall: service.firewall,
    settings: service.settings,
  };
}
