import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const webDir = join(fileURLToPath(new URL('.', import.meta.url)), '../../web');
export const webDistDir = join(webDir, 'dist');

/**
 * Builds the web app with Vite (production build, as deployed) unless web/dist is newer than every
 * source file. `npm start` and the browser tests serve that build.
 */
export async function buildWeb(opts: { force?: boolean; log?: (line: string) => void } = {}): Promise<string> {
  if (!opts.force && (await isFresh())) return webDistDir;
  const started = Date.now();
  const { build } = await import('vite');
  // the deployed build, also when the caller is a test run: under vitest NODE_ENV is `test`, and Vite
  // would keep Preact's development code (0.9 kB more on the accept page than what is deployed)
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(webDir, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    if (env === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = env;
  }
  opts.log?.(`web app built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return webDistDir;
}

async function isFresh(): Promise<boolean> {
  const built = await stat(join(webDistDir, 'index.html')).catch(() => null);
  if (!built) return false;
  const { readdir } = await import('node:fs/promises');
  const sources = [join(webDir, 'index.html'), join(webDir, 'vite.config.ts'), join(webDir, 'hosting.ts')];
  for (const entry of await readdir(join(webDir, 'src'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) sources.push(join(entry.parentPath, entry.name));
  }
  for (const file of sources) {
    const s = await stat(file).catch(() => null);
    if (s && s.mtimeMs > built.mtimeMs) return false;
  }
  return true;
}
