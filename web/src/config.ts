import type { WebConfig } from '../hosting.ts';

/** The deployment's settings, served beside the app (one build serves every deployment). */
export async function loadConfig(): Promise<WebConfig> {
  const res = await fetch('/config.json', { cache: 'no-cache' });
  if (!res.ok) throw new Error(`config.json: ${res.status}`);
  return (await res.json()) as WebConfig;
}
