import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// The dashboard SPA: sources in web/, built into dist/web and served by Fastify on the API's port.
// `vite build --ssr src/render.ts` builds the server's renderer of the overview into dist/ssr, with
// svelte's server runtime bundled in (the server needs nothing at run time beyond dist/).
export default defineConfig(({ isSsrBuild }) => ({
  root: 'web',
  plugins: [svelte()],
  build: isSsrBuild
    ? { outDir: '../dist/ssr', emptyOutDir: true }
    : { outDir: '../dist/web', emptyOutDir: true },
  ssr: { noExternal: true },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
}));
