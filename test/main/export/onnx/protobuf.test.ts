/**
 * The protobuf writer against bytes worked out by hand from the wire-format spec (the first four are the spec's
 * own examples), and the ONNX messages read back by an independent reader.
 */
import { describe, expect, it } from 'vitest';
import { encodeModel, float, int, ints, strings, type Model } from '../../../../main/export/onnx/onnx-proto.ts';
import { ProtoWriter } from '../../../../main/export/onnx/protobuf.ts';
import { fields, text } from './proto-reader.ts';

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');

describe('ProtoWriter', () => {
  it('writes a varint field: 150 in field 1 is 08 96 01', () => {
    expect(hex(new ProtoWriter().int(1, 150).finish())).toBe('08 96 01');
  });

  it('writes a string field: "testing" in field 2 is 12 07 then its bytes', () => {
    expect(hex(new ProtoWriter().string(2, 'testing').finish())).toBe('12 07 74 65 73 74 69 6e 67');
  });

  it('embeds a message with its length: field 3 holding (1: 150) is 1a 03 08 96 01', () => {
    expect(hex(new ProtoWriter().message(3, (m) => m.int(1, 150)).finish())).toBe('1a 03 08 96 01');
  });

  it('packs repeated varints: 3, 270, 86942 in field 4 is 22 06 03 8e 02 9e a7 05', () => {
    expect(hex(new ProtoWriter().packedInts(4, [3, 270, 86942]).finish())).toBe('22 06 03 8e 02 9e a7 05');
  });

  it('writes a negative int64 as ten bytes of two\'s complement (-1 → ff × 9, 01; -2 → fe ff × 8, 01)', () => {
    expect(hex(new ProtoWriter().int(2, -1).finish())).toBe('10 ff ff ff ff ff ff ff ff ff 01');
    expect(hex(new ProtoWriter().int(1, -2).finish())).toBe('08 fe ff ff ff ff ff ff ff ff 01');
  });

  it('writes integers beyond 32 bits (2^40 + 1) without losing bits', () => {
    expect(hex(new ProtoWriter().int(1, 2 ** 40 + 1).finish())).toBe('08 81 80 80 80 80 20');
    expect(() => new ProtoWriter().int(1, 2 ** 53)).toThrow(/not a safe integer/);
  });

  it('writes a float as four little-endian bytes (1.5 → 00 00 c0 3f)', () => {
    expect(hex(new ProtoWriter().float(2, 1.5).finish())).toBe('15 00 00 c0 3f');
  });

  it('encodes strings as UTF-8 and counts bytes, not characters ("é" is 2 bytes)', () => {
    expect(hex(new ProtoWriter().string(1, 'é').finish())).toBe('0a 02 c3 a9');
  });

  it('grows past its first buffer without losing what it holds', () => {
    const long = 'x'.repeat(1000);
    const bytes = new ProtoWriter().int(1, 7).string(2, long).int(3, 9).finish();
    const read = fields(bytes);
    expect(read.get(1)).toEqual([7n]);
    expect(text(read.get(2)![0])).toBe(long);
    expect(read.get(3)).toEqual([9n]);
  });
});

describe('encodeModel', () => {
  const model: Model = {
    irVersion: 7,
    opsets: [
      { domain: '', version: 13 },
      { domain: 'ai.onnx.ml', version: 2 },
    ],
    producerName: 'Layerlab',
    producerVersion: '0.1.0',
    doc: 'a test',
    metadata: [['layerlab.task', 'binary']],
    graph: {
      name: 'g',
      doc: '',
      inputs: [{ name: 'Age', type: 'float', shape: ['N', 1] }],
      outputs: [{ name: 'y', type: 'float', shape: ['N', 1] }],
      initializers: [{ name: 'w', type: 'int64', dims: [2], values: [-1, 3] }],
      nodes: [{ name: 'n', opType: 'LeakyRelu', domain: '', inputs: ['Age'], outputs: ['y'], attributes: { alpha: float(0.25), k: int(-1), axes: ints([1, 2]), labels: strings(['a']) } }],
    },
  };

  it('writes ModelProto fields where onnx.proto numbers them', () => {
    const m = fields(encodeModel(model));
    expect(m.get(1)).toEqual([7n]);
    expect(text(m.get(2)![0])).toBe('Layerlab');
    expect(m.get(8)!.map((o) => [text(fields(o as Uint8Array).get(1)?.[0] ?? new Uint8Array()), fields(o as Uint8Array).get(2)![0]])).toEqual([
      ['', 13n],
      ['ai.onnx.ml', 2n],
    ]);
    const entry = fields(m.get(14)![0] as Uint8Array);
    expect([text(entry.get(1)![0]), text(entry.get(2)![0])]).toEqual(['layerlab.task', 'binary']);
  });

  it('writes the graph: a node with typed attributes, an int64 initializer as raw little-endian bytes, typed inputs', () => {
    const graph = fields(fields(encodeModel(model)).get(7)![0] as Uint8Array);
    const node = fields(graph.get(1)![0] as Uint8Array);
    expect(text(node.get(4)![0])).toBe('LeakyRelu');
    const attributes = node.get(5)!.map((a) => fields(a as Uint8Array));
    expect(attributes.map((a) => [text(a.get(1)![0]), a.get(20)![0]])).toEqual([
      ['alpha', 1n],
      ['k', 2n],
      ['axes', 7n],
      ['labels', 8n],
    ]);
    expect(hex(attributes[0]!.get(2)![0] as Uint8Array)).toBe('00 00 80 3e');
    expect(attributes[1]!.get(3)).toEqual([2n ** 64n - 1n]);
    const tensor = fields(graph.get(5)![0] as Uint8Array);
    expect(tensor.get(2)).toEqual([7n]);
    expect(hex(tensor.get(9)![0] as Uint8Array)).toBe('ff ff ff ff ff ff ff ff 03 00 00 00 00 00 00 00');
    const input = fields(graph.get(11)![0] as Uint8Array);
    const tensorType = fields(fields(input.get(2)![0] as Uint8Array).get(1)![0] as Uint8Array);
    expect(tensorType.get(1)).toEqual([1n]);
    const dims = fields(tensorType.get(2)![0] as Uint8Array).get(1)!.map((d) => fields(d as Uint8Array));
    expect([text(dims[0]!.get(2)![0]), dims[1]!.get(1)![0]]).toEqual(['N', 1n]);
  });

  it('refuses a tensor whose values do not fill its dims', () => {
    const broken = { ...model, graph: { ...model.graph, initializers: [{ name: 'w', type: 'int64' as const, dims: [3], values: [1] }] } };
    expect(() => encodeModel(broken)).toThrow(/1 values for dims \[3\]/);
  });
});
