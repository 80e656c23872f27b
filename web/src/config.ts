import type { WebConfig } from '../hosting.ts';

/** The deployment's settings, served beside the app (one build serves every deployment). */
export async function loadConfig(): Promise<WebConfig> {
  // preloaded by index.html; the server marks it no-cache, so it is revalidated on every load
  const res = await fetch('/config.json');
  if (!res.ok) throw new Error(`config.json: ${res.status}`);
  return (await res.json()) as WebConfig;
}
