import { mkdirSync, writeFileSync } from 'node:fs';
import { markdownTable } from './markdown.ts';

/** Writes a run's figures: bench/results/<date>.json, latest.json and latest.md (one table per section). */
export function writeResults(results: Record<string, unknown>) {
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${String(results.date).replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, JSON.stringify(results, null, 2));
  writeFileSync('bench/results/latest.json', JSON.stringify(results, null, 2));
  const md = Object.entries(results)
    .filter(([k, v]) => k !== 'coldStartSamples' && (Array.isArray(v) || (typeof v === 'object' && v !== null && !('cpus' in v))))
    .map(([k, v]) => `### ${k}\n\n${markdownTable((Array.isArray(v) ? v : [v]) as Record<string, unknown>[])}\n`)
    .join('\n');
  writeFileSync('bench/results/latest.md', `Measured ${results.date} (${results.mode}) on ${JSON.stringify(results.machine)}\n\n${md}`);
  process.stdout.write(`\nwritten: ${file}\n`);
}
