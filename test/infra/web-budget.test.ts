import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { webDistDir } from '../../functions/local/web-build.ts';

// Sizes, not timings: the same build gives the same bytes. Measured as the bench does (each file
// gzipped at level 9, as a CDN serves it); the production build is made by the run's global setup.
const kB = (file: string) => gzipSync(readFileSync(join(webDistDir, 'assets', file)), { level: 9 }).length / 1024;
const assets = () => readdirSync(join(webDistDir, 'assets')).filter((f) => f.endsWith('.js'));
const one = (prefix: string) => {
  const found = assets().filter((f) => f.startsWith(`${prefix}-`));
  expect(found, prefix).toHaveLength(1);
  return found[0] as string;
};

describe("the web app's size budgets (issue 19; figures in docs/performance.md)", () => {
  it('the accept page, with the sign-in library it loads on "Sign in to accept", is at most 35 kB of gzipped JavaScript', () => {
    const accept = ['app', 'early', 'oidc-client-ts'].map(one);
    const total = accept.reduce((sum, f) => sum + kB(f), 0);
    expect(total, accept.map((f) => `${f} ${kB(f).toFixed(2)}`).join(', ')).toBeLessThanOrEqual(35);
  });

  it('everything the app can load (every page and the console) is at most 80 kB gzipped', () => {
    const total = assets().reduce((sum, f) => sum + kB(f), 0);
    expect(total).toBeLessThanOrEqual(80);
  });
});
