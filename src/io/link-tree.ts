/**
 * A folder's files given a second name in another folder: hard links where the file system allows
 * (no bytes copied), copies where it does not (another disk, a file system without links). The
 * build stages what the site serves this way, so that it never writes into the ingest's folder and
 * keeps the files it started from even if an ingest swaps that folder meanwhile.
 */
import { copyFileSync, linkSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, target);
    else if (entry.isFile()) {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
  }
}
