/**
 * Deterministic .xlsx bytes: the zip library inside write-excel-file stamps every entry with the
 * current time. This overwrites the DOS time/date in each central-directory record and its local
 * header, so a generated workbook's bytes depend only on its data.
 */
export interface ZipTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export function stampZip(zip: Buffer, when: ZipTime): Buffer {
  const time = (when.hour << 11) | (when.minute << 5);
  const date = ((when.year - 1980) << 9) | (when.month << 5) | when.day;
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file');
  let p = zip.readUInt32LE(eocd + 16);
  for (let n = zip.readUInt16LE(eocd + 10); n > 0; n--) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('bad zip central directory');
    const local = zip.readUInt32LE(p + 42);
    zip.writeUInt16LE(time, p + 12);
    zip.writeUInt16LE(date, p + 14);
    zip.writeUInt16LE(time, local + 10);
    zip.writeUInt16LE(date, local + 12);
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return zip;
}
