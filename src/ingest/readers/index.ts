import { extname } from 'node:path';
import { csvReader } from './csv.ts';
import { xlsReader, xlsxReader } from './xlsx.ts';
import type { SourceReader } from './types.ts';

export const READERS: readonly SourceReader[] = [csvReader, xlsxReader, xlsReader];

export function readerFor(path: string): SourceReader | undefined {
  const ext = extname(path).toLowerCase();
  return READERS.find((r) => r.extensions.includes(ext));
}
