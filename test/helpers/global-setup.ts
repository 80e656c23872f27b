import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildWeb } from '../../functions/local/web-build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where each test process appends one line per response the contract check validated. */
    contractCounts: string;
  }
}

/** Builds the web app once per run; each test file starts its own DynamoDB Local (test/helpers/stack.ts says why). */
export default async function setup(project: TestProject) {
  // the browser tests serve the production build of the web app; built once per run, if stale
  await buildWeb();
  const counts = join(tmpdir(), `contract-counts-${process.pid}-${Date.now()}`);
  mkdirSync(counts, { recursive: true });
  project.provide('contractCounts', counts);
  return async () => {
    reportContractCount(counts);
  };
}

/**
 * How many responses the contract check (test/helpers/contract.ts) held to docs/openapi.json, per
 * operation: printed at the end of the run and written to test-results/contract.json.
 */
function reportContractCount(dir: string) {
  const lines = readdirSync(dir).flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean));
  rmSync(dir, { recursive: true, force: true });
  if (lines.length === 0) return;
  const byOperation: Record<string, number> = {};
  for (const line of lines) {
    const op = line.split(' ')[0] as string;
    byOperation[op] = (byOperation[op] ?? 0) + 1;
  }
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/contract.json', `${JSON.stringify({ validatedResponses: lines.length, byOperation }, null, 2)}\n`);
  process.stdout.write(
    `\ncontract: ${lines.length} responses of ${Object.keys(byOperation).length} operations validated against docs/openapi.json (test-results/contract.json)\n`,
  );
}
