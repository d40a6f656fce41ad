// @ts-check
import { defineConfig } from 'astro/config';
import relativeUrls from './src/integrations/relative-urls.ts';

export default defineConfig({
  // Pages as name.html: links work on any static server, with or without directory indexes.
  build: { format: 'file' },
  trailingSlash: 'never',
  devToolbar: { enabled: false },
  integrations: [relativeUrls()],
  vite: {
    // Native DuckDB runs at build time only; never bundled.
    ssr: { external: ['@duckdb/node-api'] },
    build: { assetsInlineLimit: 0 },
  },
});
