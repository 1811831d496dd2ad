/**
 * A minimal protocol-buffers writer: exactly the wire types the ONNX messages use (varint, 64-bit-safe for
 * negative int64; length-delimited strings, bytes and nested messages; packed repeated varints; a 32-bit float).
 * Encoding follows https://protobuf.dev/programming-guides/encoding/. A message is written field by field into
 * a growable buffer; a nested message is written separately and embedded with its length, which keeps the
 * writer free of size pre-computation.
 */
const utf8 = new TextEncoder();

/** Wire types (the low 3 bits of a field's key). */
const VARINT = 0;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;

export class ProtoWriter {
  private bytes = new Uint8Array(256);
  private length = 0;

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + extra) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  private byte(value: number): void {
    this.reserve(1);
    this.bytes[this.length++] = value;
  }

  private raw(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
  }

  /**
   * A varint: 7 bits per byte, low bits first. A negative int64 is its two's complement as an unsigned 64-bit
   * number, always 10 bytes (protobuf's int64, not the zigzag sint64).
   */
  private varint(value: number): void {
    if (!Number.isSafeInteger(value)) throw new RangeError(`protobuf varint: ${value} is not a safe integer`);
    if (value >= 0 && value < 2 ** 31) {
      let v = value;
      while (v >= 0x80) {
        this.byte((v & 0x7f) | 0x80);
        v >>>= 7;
      }
      this.byte(v);
      return;
    }
    let v = BigInt.asUintN(64, BigInt(value));
    while (v >= 0x80n) {
      this.byte(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.byte(Number(v));
  }

  private key(field: number, wireType: number): void {
    this.varint(field * 8 + wireType);
  }

  /** An int32, int64 or enum field. */
  int(field: number, value: number): this {
    this.key(field, VARINT);
    this.varint(value);
    return this;
  }

  float(field: number, value: number): this {
    this.key(field, FIXED32);
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    this.raw(bytes);
    return this;
  }

  bytesField(field: number, value: Uint8Array): this {
    this.key(field, LENGTH_DELIMITED);
    this.varint(value.length);
    this.raw(value);
    return this;
  }

  /** A string field, UTF-8 encoded. */
  string(field: number, value: string): this {
    return this.bytesField(field, utf8.encode(value));
  }

  /** An embedded message, written by `write` into its own writer. */
  message(field: number, write: (writer: ProtoWriter) => void): this {
    const nested = new ProtoWriter();
    write(nested);
    return this.bytesField(field, nested.finish());
  }

  /** A repeated int64 field, packed (one length-delimited run of varints), as proto3 writes them by default. */
  packedInts(field: number, values: readonly number[]): this {
    const run = new ProtoWriter();
    for (const value of values) run.varint(value);
    return this.bytesField(field, run.finish());
  }

  finish(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}
