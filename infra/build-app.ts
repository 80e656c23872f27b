import { type App, Tags } from 'aws-cdk-lib';
import { type DeploySettings, readSettings } from './settings.ts';
import { ApiStack } from './stacks/api-stack.ts';
import { DataStack } from './stacks/data-stack.ts';
import { WebContentStack, WebStack } from './stacks/web-stack.ts';
import { applySuppressions } from './suppressions.ts';

/** The whole app for one stage; infra/app.ts and the infra tests both build it from here. */
export function buildApp(app: App, settings: DeploySettings = readSettings(app.node)) {
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const prefix = `OrgInvitations-${settings.stage}`;
  const data = new DataStack(app, `${prefix}-Data`, { env, settings, description: 'org-invitations: table, secret, identity, queues' });
  // Data -> Web (the app's address, its OAuth client) -> Api (email links, CORS) -> WebContent (config.json has the API's URL)
  const web = new WebStack(app, `${prefix}-Web`, { env, settings, data, description: 'org-invitations: web app hosting (S3, CloudFront), hosted UI' });
  const api = new ApiStack(app, `${prefix}-Api`, { env, settings, data, web, description: 'org-invitations: API, functions, workers, alarms' });
  const webContent = new WebContentStack(app, `${prefix}-WebContent`, {
    env, web, description: 'org-invitations: the web app files and config.json',
    config: { apiUrl: api.api.apiEndpoint, oidc: web.oidcConfig(settings, data) },
  });
  Tags.of(app).add('app', 'org-invitations');
  Tags.of(app).add('stage', settings.stage);
  applySuppressions(data, api, web, webContent, settings);
  return { data, api, web, webContent, settings };
}
