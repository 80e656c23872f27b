import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime, SystemLogLevel, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { tableDefinition } from '../../shared/db/table.ts';

export type TableAccess = 'none' | 'read' | 'write';

/**
 * The exact DynamoDB actions the adapters use (Get/BatchGet/Query; TransactWrite is authorized per
 * Put/Update/Delete/ConditionCheck). Not `grantReadData`: that also grants Scan, which no access
 * pattern needs, and stream reads, which only the stream consumers need (their event source grants it).
 */
export const tableActions: Record<Exclude<TableAccess, 'none'>, string[]> = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  write: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:ConditionCheckItem',
  ],
};

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const COLD_START_SECRETS = join(ROOT, 'shared/adapters/secrets/cold-start.ts');
const ENTRIES = join(ROOT, 'node_modules/.cache/org-invitations-entries');

const INVOCATION = join(ROOT, 'functions/invocation.ts');

/**
 * The bundle's entry of every function, a generated file: it wraps the handler so each log line
 * names the function, the request, the trace and whether it is a cold start (functions/invocation.ts).
 * For a function that needs the link secret it first imports the cold-start module (its top-level
 * await reads the secret during init, before Lambda hands the function a request). A generated file
 * rather than esbuild `inject`, which would add the import to every CommonJS module too, where a
 * top-level await cannot be.
 */
export function lambdaEntry(entry: string, { linkSecret }: { linkSecret: boolean }): string {
  mkdirSync(ENTRIES, { recursive: true });
  const file = join(ENTRIES, `${linkSecret ? 'secret__' : ''}${relative(ROOT, entry).replace(/[\\/]/g, '__')}`);
  const source = [
    ...(linkSecret ? [`import ${JSON.stringify(COLD_START_SECRETS)};`] : []),
    `import { withInvocationLog } from ${JSON.stringify(INVOCATION)};`,
    `import { handler as inner } from ${JSON.stringify(entry)};`,
    'export const handler = withInvocationLog(inner);',
    '',
  ].join('\n');
  writeFileSync(file, source);
  return file;
}

/** The entry of a function that reads the link secret at cold start. */
export const entryWithSecrets = (entry: string) => lambdaEntry(entry, { linkSecret: true });

/** The esbuild settings of every function; the infra tests bundle with the same ones to check sizes. */
export const BUNDLING = {
  target: 'node22',
  mainFields: ['module', 'main'],
  banner: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  /** Resolved from the project root (esbuild's working directory). */
  alias: {
    '@aws-sdk/credential-provider-node': './infra/bundling/lambda-credentials.ts',
    '@aws-sdk/endpoint-cache': './infra/bundling/endpoint-cache.ts',
    '@smithy/core/event-streams': './infra/bundling/event-streams.ts',
  } as Record<string, string>,
};

/** BUNDLING as options of esbuild's build(), minified as deployed: the bench and the bundle test build with them. */
export const esbuildOptions = {
  bundle: true,
  platform: 'node' as const,
  format: 'esm' as const,
  target: BUNDLING.target,
  minify: true,
  mainFields: BUNDLING.mainFields,
  banner: { js: BUNDLING.banner },
  alias: BUNDLING.alias,
};

export interface ApiFunctionProps {
  /** Absolute path of the handler module (exports `handler`). */
  entry: string;
  description?: string;
  /** Default 512 MB: Lambda CPU scales with memory, and 512 MB halves cold starts against 128 MB. */
  memorySize?: number;
  /** Default 10 s (workers); the HTTP routes pass HTTP_TIMEOUT_SECONDS, the one deadline they share with the local server. */
  timeout?: Duration;
  environment?: Record<string, string>;
  /** The link secret: its ARN goes in the environment, its value is read at cold start. */
  linkSecret?: ISecret;
  logRetention: RetentionDays;
  logRemovalPolicy: RemovalPolicy;
  /** X-Ray active tracing (context `tracing=true`; its price is in docs/cost.md). Default off. */
  tracing?: boolean;
  /**
   * The execution role, when functions with the same access share one (the routes: one role per
   * access class, see docs/adr/room-to-grow.md). Default: a role of its own.
   */
  role?: iam.Role;
  /** Reserved concurrency: at most this many instances at once (the dispatcher's SES pacing). Default none. */
  reservedConcurrency?: number;
}

/**
 * A NodejsFunction with the project's defaults, each one deliberate:
 * - Node.js 22 on arm64 (Graviton: cheaper per ms, as fast for this I/O-bound code);
 * - esbuild, minified ESM with external source maps (NODE_OPTIONS=--enable-source-maps so stack traces
 *   point at the TypeScript); `mainFields: module,main` picks the SDK's ESM builds, which tree-shake to
 *   about a third of the CJS size; the `createRequire` banner lets the few CJS dependencies `require`;
 * - the AWS SDK bundled, not taken from the runtime: pinned versions, and a smaller cold start than
 *   loading the runtime's whole SDK;
 * - JSON logs (Lambda's format for platform lines, shared/logger.ts for the function's own), X-Ray
 *   active tracing only when asked for;
 * - its own log group with a retention, and its own role (or its access class's, for routes) with no
 *   managed policy; every other permission is granted by a `bind*` call that says why.
 */
export class ApiFunction extends NodejsFunction {
  readonly logs: LogGroup;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    const role =
      props.role ??
      new iam.Role(scope, `${id}Role`, {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: `Execution role of ${id}`,
      });
    const logs = new LogGroup(scope, `${id}Logs`, { retention: props.logRetention, removalPolicy: props.logRemovalPolicy });
    super(scope, id, {
      entry: lambdaEntry(props.entry, { linkSecret: props.linkSecret !== undefined }),
      handler: 'handler',
      projectRoot: ROOT,
      depsLockFilePath: join(ROOT, 'package-lock.json'),
      ...(props.description ? { description: props.description } : {}),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role,
      logGroup: logs,
      // Lambda's JSON log format: platform lines are JSON too, and only WARN and above of them are kept
      // (START/END/REPORT lines cost ~0.5 KB an invocation; duration and init time are metrics already).
      // The functions' own lines are JSON written by shared/logger.ts, with function, requestId,
      // coldStart and traceId on each (functions/invocation.ts).
      loggingFormat: LoggingFormat.JSON,
      systemLogLevelV2: SystemLogLevel.WARN,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      tracing: props.tracing ? Tracing.ACTIVE : Tracing.DISABLED,
      ...(props.reservedConcurrency ? { reservedConcurrentExecutions: props.reservedConcurrency } : {}),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        ...(props.linkSecret ? { LINK_SECRET_ARN: props.linkSecret.secretArn } : {}),
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: BUNDLING.target,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        mainFields: BUNDLING.mainFields,
        banner: BUNDLING.banner,
        externalModules: [],
        esbuildArgs: Object.fromEntries(Object.entries(BUNDLING.alias).map(([from, to]) => [`--alias:${from}`, to])),
      },
    });
    this.logs = logs;
    logs.grantWrite(role);
    props.linkSecret?.grantRead(this);
  }

  /** Grants exactly the table access the operation needs and tells the function the table's name. */
  bindTable({ table, access }: { table: ITable; access: TableAccess }): this {
    // configuration requires the name even where no call is allowed (health, /me)
    this.addEnvironment('TABLE_NAME', table.tableName);
    if (access === 'none') return this;
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions: tableActions[access],
        resources: [table.tableArn, `${table.tableArn}/index/${tableDefinition.gsi1.name}`],
      }),
    );
    return this;
  }
}

export { RetentionDays };
