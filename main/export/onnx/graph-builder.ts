/**
 * Building an ONNX graph one operator at a time. Every tensor gets a unique name derived from a readable hint
 * (`Age/filled`, `dense_1/matmul`), so the graph reads well in Netron and never collides with a graph input
 * named like a data column. Constants become initializers; equal scalars are shared.
 */
import type { Attribute, ElementType, Graph, Node, Tensor, ValueInfo } from './onnx-proto.ts';

export const ML_DOMAIN = 'ai.onnx.ml';

export interface OpOptions {
  readonly domain?: string;
  /** Readable base of the output's name. */
  readonly hint?: string;
}

export class GraphBuilder {
  private readonly nodes: Node[] = [];
  private readonly initializers: Tensor[] = [];
  private readonly inputs: ValueInfo[] = [];
  private readonly outputs: ValueInfo[] = [];
  private readonly taken = new Set<string>();
  private readonly scalars = new Map<string, string>();

  /** Reserves the names of graph inputs and outputs before any internal tensor is named. */
  constructor(publicNames: Iterable<string>) {
    for (const name of publicNames) this.taken.add(name);
  }

  /** A name nobody holds yet: the hint itself, else the hint with a number. */
  fresh(hint: string): string {
    let name = hint;
    for (let n = 1; this.taken.has(name); n++) name = `${hint}#${n}`;
    this.taken.add(name);
    return name;
  }

  input(info: ValueInfo): string {
    this.inputs.push(info);
    return info.name;
  }

  /** Declares a graph output, fed by `from` through an Identity node. */
  output(info: ValueInfo, from: string): void {
    this.nodes.push({ name: this.fresh(`${info.name}/output`), opType: 'Identity', domain: '', inputs: [from], outputs: [info.name], attributes: {} });
    this.outputs.push(info);
  }

  /** One operator with one output; the output's name. */
  op(opType: string, inputs: readonly string[], attributes: Readonly<Record<string, Attribute>> = {}, options: OpOptions = {}): string {
    const output = this.fresh(options.hint ?? opType.toLowerCase());
    this.nodes.push({ name: this.fresh(`${output}/${opType}`), opType, domain: options.domain ?? '', inputs, outputs: [output], attributes });
    return output;
  }

  constant(type: ElementType, dims: readonly number[], values: Tensor['values'], hint = 'constant'): string {
    const name = this.fresh(hint);
    this.initializers.push({ name, type, dims, values });
    return name;
  }

  /** A scalar constant (shape []), shared by every use of the same type and value. */
  scalar(type: ElementType, value: number | string | boolean): string {
    const key = `${type}:${typeof value === 'number' && Object.is(value, -0) ? '-0' : String(value)}`;
    let name = this.scalars.get(key);
    if (!name) {
      name = this.constant(type, [], [value] as Tensor['values'], `${type}(${String(value).slice(0, 40)})`);
      this.scalars.set(key, name);
    }
    return name;
  }

  double(value: number): string {
    return this.scalar('double', value);
  }

  int64(value: number): string {
    return this.scalar('int64', value);
  }

  string(value: string): string {
    return this.scalar('string', value);
  }

  build(name: string, doc: string): Graph {
    return { name, doc, nodes: this.nodes, initializers: this.initializers, inputs: this.inputs, outputs: this.outputs };
  }
}
