/**
 * A test-only protobuf reader, written from the wire-format spec independently of the writer: a message's
 * fields by number, varints as bigint, length-delimited fields as bytes (read a nested message with `fields`
 * again), fixed32 as bytes.
 */
export type FieldValue = bigint | Uint8Array;

export function fields(bytes: Uint8Array): Map<number, FieldValue[]> {
  const out = new Map<number, FieldValue[]>();
  let at = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const b = bytes[at++]!;
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return result;
      shift += 7n;
    }
  };
  while (at < bytes.length) {
    const key = Number(varint());
    const field = key >> 3;
    const wire = key & 7;
    let value: FieldValue;
    if (wire === 0) value = varint();
    else if (wire === 2) {
      const length = Number(varint());
      value = bytes.subarray(at, at + length);
      at += length;
    } else if (wire === 5) {
      value = bytes.subarray(at, at + 4);
      at += 4;
    } else throw new Error(`unexpected wire type ${wire} at byte ${at}`);
    out.set(field, [...(out.get(field) ?? []), value]);
  }
  return out;
}

export const text = (value: FieldValue | undefined): string => new TextDecoder().decode(value as Uint8Array);
