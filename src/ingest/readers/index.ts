import { extname } from 'node:path';
import { csvReader, textReader } from './csv.ts';
import type { SourceReader } from './types.ts';
import { workbookReader } from './workbook.ts';

export const READERS: readonly SourceReader[] = [csvReader, textReader, workbookReader];

export function readerFor(path: string): SourceReader | undefined {
  const ext = extname(path).toLowerCase();
  return READERS.find((r) => r.extensions.includes(ext));
}
