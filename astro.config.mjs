// @ts-check
import { defineConfig } from 'astro/config';
import relativeUrls from './src/integrations/relative-urls.ts';

export default defineConfig({
  // scripts/build.ts may point these elsewhere (the tests build into a scratch folder).
  // A public build's files are staged apart (scripts/build.ts): nothing of public/ reaches its dist/.
  publicDir: process.env.DASHBOARD_SITE_DIR ?? process.env.DASHBOARD_PUBLIC_DIR ?? './public',
  outDir: process.env.DASHBOARD_OUT_DIR ?? './dist',
  // Pages as name.html: links work on any static server, with or without directory indexes.
  build: { format: 'file' },
  trailingSlash: 'never',
  devToolbar: { enabled: false },
  integrations: [relativeUrls()],
  vite: {
    // Native DuckDB runs at build time only; never bundled.
    ssr: { external: ['@duckdb/node-api'] },
    build: {
      assetsInlineLimit: 0,
      // The pages' one script (charts, tables, the browser's DuckDB client) is about 520 kB and
      // loads once from the site's own server, offline: splitting it would only add requests.
      // The limit sits above it, so that a real jump in size still warns.
      chunkSizeWarningLimit: 800,
    },
  },
});
