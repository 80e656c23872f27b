import type { WebConfig } from '../hosting.ts';
import { config } from './preview-early.ts';

/**
 * The deployment's settings, served beside the app (one build serves every deployment). Fetched by
 * preview-early.ts as the page loads (index.html also preloads it); the server marks it no-cache, so
 * it is revalidated on every load.
 */
export function loadConfig(): Promise<WebConfig> {
  return config;
}
