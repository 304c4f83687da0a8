import { defineConfig } from 'vite';

// Vite builds only the browser assets (CSS, the small enhancement script, the staff islands) into
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
      input: { main: 'web/styles/main.scss', staff: 'web/styles/staff.scss', copy: 'web/styles/copy.scss', enhance: 'web/enhance.ts', kiosk: 'web/kiosk.ts', moderate: 'web/islands/moderate.tsx', 'live-count': 'web/islands/live-count.ts', 'stay-signed-in': 'web/islands/stay-signed-in.ts' },
    },
  },
  // The staff islands are Preact; respondent pages never load them.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  css: { preprocessorOptions: { scss: { quietDeps: true, loadPaths: ['node_modules'], silenceDeprecations: ['import'] } } },
});
