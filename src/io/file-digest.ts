/** A file's bytes added to a hash a part at a time (a 600 MB export is never held whole to be hashed). */
import type { Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export async function hashFile(path: string, hash: Hash): Promise<Hash> {
  for await (const part of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(part as Buffer);
  return hash;
}
