import { type App, Tags } from 'aws-cdk-lib';
import { type DeploySettings, readSettings } from './settings.ts';
import { ApiStack } from './stacks/api-stack.ts';
import { DataStack } from './stacks/data-stack.ts';
import { applySuppressions } from './suppressions.ts';

/** The whole app for one stage; infra/app.ts and the infra tests both build it from here. */
export function buildApp(app: App, settings: DeploySettings = readSettings(app.node)) {
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const prefix = `OrgInvitations-${settings.stage}`;
  const data = new DataStack(app, `${prefix}-Data`, { env, settings, description: 'org-invitations: table, secret, identity, queues' });
  const api = new ApiStack(app, `${prefix}-Api`, { env, settings, data, description: 'org-invitations: API, functions, workers, alarms' });
  Tags.of(app).add('app', 'org-invitations');
  Tags.of(app).add('stage', settings.stage);
  applySuppressions(data, api);
  return { data, api, settings };
}
