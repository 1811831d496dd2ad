/**
 * The ONNX messages the exporter writes, as plain TypeScript values, and their protobuf encoding. Field numbers
 * are those of onnx/onnx.proto (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto,
 * TypeProto.Tensor, TensorShapeProto, OperatorSetIdProto, StringStringEntryProto); only the fields used here
 * are modelled. Number tensors travel as `raw_data` (little-endian), strings as `string_data`.
 */
import { ProtoWriter } from './protobuf.ts';

export type ElementType = 'float' | 'double' | 'int64' | 'string' | 'bool';

/** TensorProto.DataType. */
const DATA_TYPE: Record<ElementType, number> = { float: 1, int64: 7, string: 8, bool: 9, double: 11 };

export interface Tensor {
  readonly name: string;
  readonly type: ElementType;
  readonly dims: readonly number[];
  readonly values: readonly number[] | readonly string[] | readonly boolean[] | Float32Array | Float64Array;
}

export type Attribute =
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'ints'; readonly value: readonly number[] }
  | { readonly kind: 'strings'; readonly value: readonly string[] };

export const int = (value: number): Attribute => ({ kind: 'int', value });
export const float = (value: number): Attribute => ({ kind: 'float', value });
export const text = (value: string): Attribute => ({ kind: 'string', value });
export const ints = (value: readonly number[]): Attribute => ({ kind: 'ints', value });
export const strings = (value: readonly string[]): Attribute => ({ kind: 'strings', value });

export interface Node {
  readonly name: string;
  readonly opType: string;
  /** '' for the default ONNX domain, 'ai.onnx.ml' for the classical machine-learning operators. */
  readonly domain: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: Readonly<Record<string, Attribute>>;
}

/** A graph input or output: a tensor type and shape; a string dimension is symbolic (`N`). */
export interface ValueInfo {
  readonly name: string;
  readonly type: ElementType;
  readonly shape: readonly (number | string)[];
  readonly doc?: string;
}

export interface Graph {
  readonly name: string;
  readonly doc: string;
  readonly nodes: readonly Node[];
  readonly initializers: readonly Tensor[];
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
}

export interface Model {
  readonly irVersion: number;
  readonly opsets: readonly { readonly domain: string; readonly version: number }[];
  readonly producerName: string;
  readonly producerVersion: string;
  readonly doc: string;
  readonly graph: Graph;
  readonly metadata: readonly (readonly [key: string, value: string])[];
}

/** AttributeProto.AttributeType. */
const ATTRIBUTE_TYPE: Record<Attribute['kind'], number> = { float: 1, int: 2, string: 3, ints: 7, strings: 8 };

function rawData(tensor: Tensor): Uint8Array {
  const n = tensor.values.length;
  const size = tensor.type === 'bool' ? 1 : tensor.type === 'float' ? 4 : 8;
  const bytes = new Uint8Array(n * size);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < n; i++) {
    const v = tensor.values[i] as number | boolean;
    if (tensor.type === 'bool') bytes[i] = v ? 1 : 0;
    else if (tensor.type === 'float') view.setFloat32(i * 4, v as number, true);
    else if (tensor.type === 'double') view.setFloat64(i * 8, v as number, true);
    else view.setBigInt64(i * 8, BigInt(v as number), true);
  }
  return bytes;
}

function writeTensor(w: ProtoWriter, tensor: Tensor): void {
  const count = tensor.dims.reduce((a, b) => a * b, 1);
  if (count !== tensor.values.length) throw new RangeError(`tensor "${tensor.name}": ${tensor.values.length} values for dims [${tensor.dims.join(', ')}]`);
  if (tensor.dims.length > 0) w.packedInts(1, tensor.dims);
  w.int(2, DATA_TYPE[tensor.type]);
  if (tensor.type === 'string') for (const s of tensor.values as readonly string[]) w.string(6, s);
  w.string(8, tensor.name);
  if (tensor.type !== 'string') w.bytesField(9, rawData(tensor));
}

function writeAttribute(w: ProtoWriter, name: string, attribute: Attribute): void {
  w.string(1, name);
  switch (attribute.kind) {
    case 'float':
      w.float(2, attribute.value);
      break;
    case 'int':
      w.int(3, attribute.value);
      break;
    case 'string':
      w.string(4, attribute.value);
      break;
    case 'ints':
      w.packedInts(8, attribute.value);
      break;
    case 'strings':
      for (const s of attribute.value) w.string(9, s);
      break;
  }
  w.int(20, ATTRIBUTE_TYPE[attribute.kind]);
}

function writeNode(w: ProtoWriter, node: Node): void {
  for (const input of node.inputs) w.string(1, input);
  for (const output of node.outputs) w.string(2, output);
  w.string(3, node.name);
  w.string(4, node.opType);
  for (const [name, attribute] of Object.entries(node.attributes)) w.message(5, (a) => writeAttribute(a, name, attribute));
  if (node.domain) w.string(7, node.domain);
}

function writeValueInfo(w: ProtoWriter, info: ValueInfo): void {
  w.string(1, info.name);
  w.message(2, (type) =>
    type.message(1, (tensor) => {
      tensor.int(1, DATA_TYPE[info.type]);
      tensor.message(2, (shape) => {
        for (const dim of info.shape) shape.message(1, (d) => (typeof dim === 'number' ? d.int(1, dim) : d.string(2, dim)));
      });
    }),
  );
  if (info.doc) w.string(3, info.doc);
}

function writeGraph(w: ProtoWriter, graph: Graph): void {
  for (const node of graph.nodes) w.message(1, (n) => writeNode(n, node));
  w.string(2, graph.name);
  for (const tensor of graph.initializers) w.message(5, (t) => writeTensor(t, tensor));
  if (graph.doc) w.string(10, graph.doc);
  for (const input of graph.inputs) w.message(11, (v) => writeValueInfo(v, input));
  for (const output of graph.outputs) w.message(12, (v) => writeValueInfo(v, output));
}

/** The serialized ModelProto: the bytes of an .onnx file. */
export function encodeModel(model: Model): Uint8Array {
  const w = new ProtoWriter();
  w.int(1, model.irVersion);
  w.string(2, model.producerName);
  w.string(3, model.producerVersion);
  w.string(6, model.doc);
  w.message(7, (g) => writeGraph(g, model.graph));
  for (const opset of model.opsets) w.message(8, (o) => o.string(1, opset.domain).int(2, opset.version));
  for (const [key, value] of model.metadata) w.message(14, (e) => e.string(1, key).string(2, value));
  return w.finish();
}
