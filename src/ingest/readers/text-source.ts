/**
 * A text file's bytes as the CSV reader takes them: in memory (tests, a workbook's fallback), or a
 * file on disk read a part at a time as the rows are read, so that a large CSV is never held
 * whole (a 622 MB export held whole, decoded, took over 5 GB).
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';

/** A file on disk: its path and its size when the run listed it. */
export interface FileBytes {
  path: string;
  size: number;
}

export type TextSource = Uint8Array | FileBytes;

/** Bytes [start, end) of a text source, and how they are decoded. */
export interface TextRange {
  source: TextSource;
  start: number;
  end: number;
  decoder: string;
  /** A BOM-like sequence at the start is text (a tail: it is, mid-file). */
  ignoreBOM: boolean;
  /** Bytes read and parsed at a time (PART_BYTES; small in tests, to cut records and characters anywhere). */
  partBytes?: number;
}

/**
 * Bytes read at a time: a part's text is parsed before the next is read. Small enough that a
 * part's text dies young in V8's young generation: 4 MB parts were strings in the large-object
 * space, freed only by a full collection, and each thread's heap grew with the rows read (peak
 * 700 MB at 3 million rows against 470 MB; docs/bench.md).
 */
export const PART_BYTES = 64 << 10;

export const sizeOf = (source: TextSource): number => (source instanceof Uint8Array ? source.length : source.size);

/** The whole file (a workbook, which its reader needs whole). */
export const wholeBytes = (source: TextSource): Uint8Array => (source instanceof Uint8Array ? source : readFileSync(source.path));

/**
 * Calls `use` with bytes [start, end) a part of `partBytes` at a time, until it returns false. A
 * file's parts are read into one buffer, reused: `use` must copy what it keeps.
 */
export function forEachPart(source: TextSource, start: number, end: number, partBytes: number, use: (bytes: Uint8Array) => boolean | void): void {
  if (source instanceof Uint8Array) {
    for (let at = start; at < end; at += partBytes) if (use(source.subarray(at, Math.min(end, at + partBytes))) === false) return;
    return;
  }
  const fd = openSync(source.path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(partBytes, end - start)));
    for (let at = start; at < end; ) {
      const n = readSync(fd, buffer, 0, Math.min(buffer.length, end - at), at);
      if (n === 0) return; // the file was made shorter meanwhile: its end is where it now ends
      if (use(buffer.subarray(0, n)) === false) return;
      at += n;
    }
  } finally {
    closeSync(fd);
  }
}

/** A copy of bytes [start, end) (fewer if the source ends first). */
export function bytesAt(source: TextSource, start: number, end: number): Uint8Array {
  end = Math.min(end, sizeOf(source));
  if (source instanceof Uint8Array) return source.subarray(start, end);
  const parts: Uint8Array[] = [];
  forEachPart(source, start, end, end - start, (bytes) => void parts.push(new Uint8Array(bytes)));
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

/** Where the first `byte` from `from` on is, or -1. */
export function indexOfByte(source: TextSource, byte: number, from: number): number {
  let found = -1;
  let at = from;
  forEachPart(source, from, sizeOf(source), 1 << 16, (bytes) => {
    const i = bytes.indexOf(byte);
    if (i >= 0) found = at + i;
    at += bytes.length;
    return i < 0;
  });
  return found;
}

/** Bytes in the UTF-8 sequence this lead byte starts (1 for a byte that starts none). */
const sequenceLength = (b: number) => (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1);

/** Where the bytes' last complete UTF-8 character ends (a character cut at the part's end is left to the next). */
function completeEnd(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 3; i--) {
    const b = bytes[i]!;
    if (b < 0x80) return bytes.length;
    if (b >= 0xc0) return sequenceLength(b) > bytes.length - i ? i : bytes.length;
  }
  return bytes.length;
}

/** The first part of a file, valid UTF-8 as far as it goes (a character cut at its end aside). */
export const isUtf8Prefix = (bytes: Uint8Array): boolean => isUtf8(bytes.subarray(0, completeEnd(bytes)));

/** The whole source is valid UTF-8, read a part at a time. */
export function isUtf8Source(source: TextSource, from = 0): boolean {
  if (source instanceof Uint8Array) return isUtf8(source.subarray(from));
  let ok = true;
  let carry: Uint8Array = new Uint8Array(0);
  forEachPart(source, from, source.size, PART_BYTES, (bytes) => {
    let start = 0;
    if (carry.length > 0) {
      // The character the part before ended in the middle of.
      const need = Math.min(bytes.length, sequenceLength(carry[0]!) - carry.length);
      const joined = Buffer.concat([carry, bytes.subarray(0, need)]);
      start = need;
      if (completeEnd(joined) < joined.length) {
        carry = joined;
        return true;
      }
      if (!isUtf8(joined)) return (ok = false);
    }
    const end = start + completeEnd(bytes.subarray(start));
    if (!isUtf8(bytes.subarray(start, end))) return (ok = false);
    carry = new Uint8Array(bytes.subarray(end));
    return true;
  });
  return ok && carry.length === 0;
}
