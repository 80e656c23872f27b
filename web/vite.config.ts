import { defineConfig, type Plugin } from 'vite';

// Plain Vite: Preact's JSX through the built-in transform (no plugin), pages split by route.
const lazy = /oidc-client-ts|jwt-decode|strings-(member|console(-settings)?)\.ts|\/pages\/(?!accept\/)|\/console\/|\/src\/common\//;
/** What the member pages and the console share: the member strings (the console's frame shows some) and web/src/common/. */
const common = /strings-member\.ts|\/src\/common\//;
const EARLY = 'src/preview-early.ts';
const acceptPath = (id: string) => !lazy.test(id);

/**
 * index.html's module script is the app: on its own, the preview request would start only once the
 * app's chunk is downloaded and run. src/preview-early.ts is a chunk of its own (the `early` group
 * below) that index.html loads with a script of its own, `async` (it runs as soon as it arrives), so
 * the preview is requested while the app's chunk downloads. The app imports the same file (same URL,
 * one module instance), so it runs once. `fetchpriority="high"`: Chromium fetches an async script at
 * low priority, after the app's chunk and stylesheet, which is the wait this script is here to avoid.
 * Vite may already list the chunk as a script of the entry: that tag is replaced, so the page has
 * exactly one.
 */
function earlyScript(): Plugin {
  return {
    name: 'org-invitations:early-preview-script',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        let src = `/${EARLY}`;
        if (ctx.bundle) {
          const chunk = Object.values(ctx.bundle).find((c) => c.type === 'chunk' && c.name === 'early');
          if (!chunk) throw new Error(`${EARLY} is not a chunk of its own in the build`);
          src = `/${chunk.fileName}`;
        }
        if (!html.includes('<title>')) throw new Error('index.html has no <title> to put the early script before');
        return html
          .replace(new RegExp(`[ \\t]*<script[^>]*src="${src}"[^>]*></script>\\n?`), '')
          .replace('<title>', `<script type="module" async fetchpriority="high" src="${src}"></script>\n    <title>`);
      },
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [earlyScript()],
  resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // no inline script or style: the CSP allows 'self' only
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // What the accept page needs (where most people arrive, from an email) is one file: one
        // request, and gzip compresses it as a whole (smaller than the same code in five chunks).
        // The sign-in library and every other page stay chunks of their own, loaded when used.
        // The early preview script is a chunk of its own, taken first: the app imports it, and the
        // accept page's group would otherwise pull it in and leave index.html's early script the
        // whole app to load.
        codeSplitting: {
          groups: [
            { debugName: 'early preview request', name: 'early', test: (id: string) => id.endsWith(EARLY), priority: 1 },
            { debugName: 'accept page', name: (id: string) => (acceptPath(id) ? 'app' : null) },
            // a piece some of the later pages share goes where all of them look already: a chunk of its
            // own would be one more name in the app's preload map, bytes on the accept page's budget
            { debugName: 'what the later pages share', name: 'common', test: common },
          ],
        },
      },
    },
  },
});
