/**
 * An output folder replaced whole: a run writes into a fresh folder beside it (`.<out>.tmp-<pid>`)
 * and swaps it in only when complete, so that a failed or killed run leaves the previous output
 * as it was. Used by the ingest (public/data) and the build (dist/); each holds the folder's lock
 * (src/ingest/lock.ts) around it, so no other run touches these siblings meanwhile.
 */
import { existsSync } from 'node:fs';
import { readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The fresh folder this process writes `out`'s next version into. */
export const freshFolderFor = (out: string): string => join(dirname(out), `.${basename(out)}.tmp-${process.pid}`);

/**
 * What a killed run leaves behind: a half-written `.<out>.tmp-<pid>` folder (removed), or — if it
 * died between the two renames of the swap — `<out>` missing and its old copy beside it (restored).
 */
export async function recoverInterruptedRun(out: string): Promise<void> {
  const parent = dirname(out);
  if (!existsSync(parent)) return;
  const siblings = await readdir(parent);
  for (const name of siblings.filter((n) => n.startsWith(`.${basename(out)}.tmp-`))) await rm(join(parent, name), { recursive: true, force: true });
  const olds = siblings.filter((n) => n.startsWith(`.${basename(out)}.old-`)).sort();
  const old = olds.pop();
  if (old && !existsSync(out)) await rename(join(parent, old), out);
  else if (old) olds.push(old);
  for (const name of olds) await rm(join(parent, name), { recursive: true, force: true });
}

/** Puts the complete `folder` in place of `out`: the old output stays whole until the new one is in. */
export async function swapIn(folder: string, out: string): Promise<void> {
  const old = join(dirname(out), `.${basename(out)}.old-${process.pid}`);
  if (existsSync(out)) await rename(out, old);
  await rename(folder, out);
  await rm(old, { recursive: true, force: true });
}
