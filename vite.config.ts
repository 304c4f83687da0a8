import { defineConfig } from 'vite';

// Vite builds only the browser assets (CSS and the small enhancement script) into
// dist/client, which wrangler serves as static assets with long-lived caching.
export default defineConfig({
  root: 'web',
  publicDir: 'public',
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    manifest: true,
    assetsDir: 'assets',
    cssCodeSplit: true,
    target: 'es2020',
    rolldownOptions: {
      input: { main: 'web/styles/main.scss', staff: 'web/styles/staff.scss', enhance: 'web/enhance.ts' },
    },
  },
  css: { preprocessorOptions: { scss: { quietDeps: true, loadPaths: ['node_modules'], silenceDeprecations: ['import'] } } },
});
