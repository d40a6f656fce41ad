/**
 * Astro writes asset URLs from the site root ("/_astro/x.js"). After the build this rewrites
 * them relative to each page, so dist/ can be copied into any folder of any static server.
 */
import type { AstroIntegration } from 'astro';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { relativeRoot } from '../site/paths.ts';

export default function relativeUrls(): AstroIntegration {
  return {
    name: 'relative-urls',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        const root = fileURLToPath(dir);
        const entries = await readdir(root, { recursive: true, withFileTypes: true });
        for (const entry of entries) {
          if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
          const path = join(entry.parentPath, entry.name);
          const page = '/' + relative(root, path).split(sep).join('/');
          const prefix = relativeRoot(page);
          const html = await readFile(path, 'utf8');
          const rewritten = html.replace(/(\s(?:href|src)=["'])\/(?!\/)/g, `$1${prefix}`);
          if (rewritten !== html) await writeFile(path, rewritten);
        }
      },
    },
  };
}
