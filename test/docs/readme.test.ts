import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useStack } from '../helpers/stack.ts';

/**
 * The README's walkthrough, run as written: every sh/bash block that talks to the API runs in its own
 * bash (set -euo pipefail, so nothing leaks from one block to the next) against a fresh local stack,
 * with curl made to fail on any HTTP error. Blocks without `$API` (install and start commands) are
 * not run; the test names them.
 */
const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
const blocks = [...readme.matchAll(/```(?:sh|bash)\n([\s\S]*?)```/g)].map((m) => m[1] as string);
const runnable = blocks.filter((b) => b.includes('$API'));
const t = useStack();
const expectations: [string, RegExp][] = [
  ['# 8. Move the local clock', /"status": "accepted"[\s\S]*"members": 2[\s\S]*"status": "expired"/],
  ['teams/$TEAM/members/$BOB_ID', /"suspended"\n204\n[\s\S]*"teams": \[\n\s+"/],
  ['"primaryContact": true, "products"', /"key": "docs"[\s\S]*"primaryContact": true[\s\S]*\n204\n$/],
  ['fay@example.com', /"Reminder: [^"\n]+"\n[\s\S]*\n1\n/],
  ['eve@other.org', /"status":"invited"[\s\S]*"status":"domain_not_allowed"/],
];

function bash(script: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('the README', () => {
  it('has the walkthrough blocks this test runs, and only install commands besides', () => {
    expect(runnable.length).toBeGreaterThanOrEqual(5);
    for (const b of blocks.filter((x) => !runnable.includes(x))) expect(b, b).toMatch(/^(\s*(npm|#)[^\n]*\n)+$/);
  });

  it.each(runnable.map((b, i) => [i + 1, b.split('\n').find((l) => l.startsWith('#')) ?? b.split('\n')[0], b] as const))(
    'block %i runs on its own against a fresh stack (%s)',
    async (_i, _title, block) => {
      const script = [
        'set -euo pipefail',
        // an HTTP error fails the block, with the answer shown
        'curl() { command curl --fail-with-body "$@"; }',
        block.replaceAll('http://127.0.0.1:3000', t.stack.url),
      ].join('\n');
      const { code, out } = await bash(script);
      expect(code, out).toBe(0);
      // what each block is there to show, where a block shows it
      for (const [marker, shown] of expectations) if (block.includes(marker)) expect(out).toMatch(shown);
    },
    120_000,
  );
});
