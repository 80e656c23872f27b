import { startLocalStack } from './stack.ts';
import { buildWeb } from './web-build.ts';

/** `npm start`: the whole system on this machine until Ctrl-C. PORT, WEB_PORT, IDP_PORT and DATA_DIR as in the README. */
const port = Number(process.env.PORT ?? 3000);
const webPort = Number(process.env.WEB_PORT ?? 5173);
const idpPort = Number(process.env.IDP_PORT ?? 5174);
const dataDir = process.env.DATA_DIR || (process.argv.includes('--persist') ? '.local-data' : undefined);
const startedAt = Date.now();
if (dataDir) (await import('node:fs')).mkdirSync(dataDir, { recursive: true });
// the production build of the web app, rebuilt when its sources changed (a second or two)
const distDir = await buildWeb({ log: (line) => process.stdout.write(`${line}\n`) });
// CORS_ORIGINS: more browser origins than the web app's, comma-separated
const corsOrigins = (process.env.CORS_ORIGINS ?? '')
  .split(',')
  .map((o) => o.trim())
  .filter(Boolean);
const stack = await startLocalStack({
  port,
  corsOrigins,
  ...(dataDir ? { dataDir } : {}),
  logLevel: (process.env.LOG_LEVEL as 'info') ?? 'info',
  web: { distDir, port: webPort, idpPort },
});

process.stdout.write(`
org-invitations local stack ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s
  web app        ${stack.web?.url}   (invitation emails link to ${stack.web?.url}/accept)
  API            ${stack.url}
  sign-in        ${stack.web?.issuer}   (local OpenID provider: any email, no password)
  get a token    curl -s -X POST ${stack.url}/_local/token -H 'content-type: application/json' -d '{"email":"admin@example.com","name":"Ada"}'
  reference      ${stack.url}/docs  (OpenAPI: ${stack.url}/openapi.json)
  sent emails    ${stack.url}/_local/emails
  local SES UI   ${stack.ses.endpoint}
  data           ${dataDir ? `on disk in ${dataDir}` : 'in memory (DATA_DIR=... or --persist keeps it)'}
Ctrl-C stops everything.
`);

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`\n${signal}: stopping...\n`);
  await stack.stop();
  process.exit(0);
};
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, () => void shutdown(s));
