import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { contentSecurityPolicy, securityHeaders, type WebConfig } from '../../web/hosting.ts';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export interface WebServer {
  server: Server;
  /** The app's origin, e.g. http://127.0.0.1:5173. */
  origin: string;
  /** Sets what /config.json answers (the API and identity provider start after this server). */
  configure(config: WebConfig): void;
  stop(): Promise<void>;
}

/**
 * Serves the built web app (web/dist) as CloudFront does in AWS: the same security headers, SPA
 * routing (a path without a file extension gets index.html), hashed assets cached for good,
 * index.html and config.json never cached.
 */
export async function startWebServer(opts: { distDir: string; host?: string; port?: number }): Promise<WebServer> {
  let config: WebConfig | undefined;
  let headers: Record<string, string> = {};
  const root = normalize(opts.distDir);

  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://local').pathname);
      if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, HEAD' }).end();
      // nothing is served without its security headers, which need the API's and the provider's address
      if (!config) return void res.writeHead(503, { 'retry-after': '1' }).end('Starting…');
      if (path === '/config.json') {
        res.writeHead(200, { ...headers, 'content-type': types['.json']!, 'cache-control': 'no-cache' });
        return void res.end(JSON.stringify(config));
      }
      const file = normalize(join(root, path));
      const isAsset = extname(path) !== '';
      const target = isAsset && file.startsWith(root) ? file : join(root, 'index.html');
      const info = await stat(target).catch(() => null);
      if (!info?.isFile()) {
        res.writeHead(404, { ...headers, 'content-type': types['.txt']! });
        return void res.end(isAsset ? 'Not found' : 'The web app is not built: run `npm run build:web`.');
      }
      res.writeHead(200, {
        ...headers,
        'content-type': types[extname(target)] ?? 'application/octet-stream',
        'cache-control': target.includes(`${root}/assets/`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : await readFile(target));
    } catch {
      if (!res.headersSent) res.writeHead(400);
      res.end();
    }
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const origin = `http://${host}:${(server.address() as { port: number }).port}`;
  return {
    server,
    origin,
    configure(c) {
      config = c;
      headers = securityHeaders(contentSecurityPolicy([new URL(c.apiUrl).origin, new URL(c.oidc.authority).origin]));
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
