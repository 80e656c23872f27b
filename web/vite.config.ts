import { defineConfig } from 'vite';

// Plain Vite: Preact's JSX through the built-in transform (no plugin), one entry, pages split by route.
const lazy = /oidc-client-ts|jwt-decode|strings-(member|console)\.ts|\/pages\/(?!accept\/)|\/console\//;
const acceptPath = (id: string) => !lazy.test(id);

export default defineConfig({
  root: import.meta.dirname,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
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
        codeSplitting: { groups: [{ debugName: 'accept page', name: (id: string) => (acceptPath(id) ? 'app' : null) }] },
      },
    },
  },
});
