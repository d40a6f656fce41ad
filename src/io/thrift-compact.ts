/**
 * Thrift's compact protocol, as Parquet's metadata is written (parquet.thrift): a struct read into
 * a tree that keeps every field and its order, and such a tree written back. Integers are bigints
 * (a file offset may pass 2^53); a double is its eight bytes as they stand.
 */
/** Compact-protocol field types. */
export const T = { TRUE: 1, FALSE: 2, BYTE: 3, I16: 4, I32: 5, I64: 6, DOUBLE: 7, BINARY: 8, LIST: 9, SET: 10, MAP: 11, STRUCT: 12 } as const;

export interface Field {
  id: number;
  type: number;
  value: Value;
}
export type Value = boolean | bigint | Uint8Array | Field[] | ListValue;
export interface ListValue {
  elementType: number;
  items: Value[];
}

export class Reader {
  pos = 0;
  private readonly bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  private byte(): number {
    if (this.pos >= this.bytes.length) throw new Error('Thrift: the struct ends early');
    return this.bytes[this.pos++]!;
  }

  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const b = this.byte();
      result |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return result;
      shift += 7n;
    }
  }

  zigzag(): bigint {
    const n = this.varint();
    return (n >> 1n) ^ -(n & 1n);
  }

  value(type: number): Value {
    switch (type) {
      case T.TRUE:
        return true;
      case T.FALSE:
        return false;
      case T.BYTE:
        return BigInt(this.byte());
      case T.I16:
      case T.I32:
      case T.I64:
        return this.zigzag();
      case T.DOUBLE: {
        const bytes = this.bytes.slice(this.pos, this.pos + 8);
        this.pos += 8;
        return bytes;
      }
      case T.BINARY: {
        const n = Number(this.varint());
        const bytes = this.bytes.slice(this.pos, this.pos + n);
        this.pos += n;
        return bytes;
      }
      case T.LIST:
      case T.SET: {
        const header = this.byte();
        const elementType = header & 0x0f;
        const size = header >> 4 === 15 ? Number(this.varint()) : header >> 4;
        const items: Value[] = [];
        // A boolean in a list is a byte of its own (1: true).
        for (let i = 0; i < size; i++) items.push(elementType === T.TRUE || elementType === T.FALSE ? this.byte() === T.TRUE : this.value(elementType));
        return { elementType, items };
      }
      case T.STRUCT:
        return this.struct();
      default:
        throw new Error(`Thrift: field type ${type} not expected`);
    }
  }

  struct(): Field[] {
    const fields: Field[] = [];
    let last = 0;
    for (;;) {
      const header = this.byte();
      if (header === 0) return fields;
      const type = header & 0x0f;
      const id = header >> 4 ? last + (header >> 4) : Number(this.zigzag());
      fields.push({ id, type, value: this.value(type) });
      last = id;
    }
  }
}

export class Writer {
  private readonly out: number[] = [];

  bytes(): Uint8Array {
    return Uint8Array.from(this.out);
  }

  private varint(n: bigint): void {
    do {
      const b = Number(n & 0x7fn);
      n >>= 7n;
      this.out.push(n ? b | 0x80 : b);
    } while (n);
  }

  private zigzag(n: bigint): void {
    this.varint(n >= 0n ? n << 1n : ((-n) << 1n) - 1n);
  }

  value(type: number, value: Value): void {
    switch (type) {
      case T.TRUE:
      case T.FALSE:
        return;
      case T.BYTE:
        this.out.push(Number(value as bigint) & 0xff);
        return;
      case T.I16:
      case T.I32:
      case T.I64:
        return this.zigzag(value as bigint);
      case T.DOUBLE:
        this.out.push(...(value as Uint8Array));
        return;
      case T.BINARY: {
        const bytes = value as Uint8Array;
        this.varint(BigInt(bytes.length));
        for (const b of bytes) this.out.push(b);
        return;
      }
      case T.LIST:
      case T.SET: {
        const { elementType, items } = value as ListValue;
        if (items.length < 15) this.out.push((items.length << 4) | elementType);
        else {
          this.out.push(0xf0 | elementType);
          this.varint(BigInt(items.length));
        }
        for (const item of items) {
          if (elementType === T.TRUE || elementType === T.FALSE) this.out.push(item ? T.TRUE : T.FALSE);
          else this.value(elementType, item);
        }
        return;
      }
      case T.STRUCT:
        return this.struct(value as Field[]);
      default:
        throw new Error(`Thrift: field type ${type} not expected`);
    }
  }

  struct(fields: readonly Field[]): void {
    let last = 0;
    for (const f of fields) {
      const type = f.type === T.TRUE || f.type === T.FALSE ? (f.value ? T.TRUE : T.FALSE) : f.type;
      const delta = f.id - last;
      if (delta > 0 && delta <= 15) this.out.push((delta << 4) | type);
      else {
        this.out.push(type);
        this.zigzag(BigInt(f.id));
      }
      this.value(type, f.value);
      last = f.id;
    }
    this.out.push(0);
  }
}
