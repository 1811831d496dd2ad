/**
 * An ensemble as a Keras/TensorFlow.js functional model: one InputLayer, each member's layers as a chain
 * reading it (named `member<k>_dense`, `member<k>_dense_1`, ...), and one Average over the chains' last
 * layers. `tf.model()` writes this JSON and `tf.loadLayersModel` reads it; docs/model-format.md describes the
 * layout, which is the only one read back: anything else is refused by name.
 */
import type { LossKind } from '../nn/losses.ts';
import type { NetworkSpec } from '../nn/network-spec.ts';
import { inputWidth, namer, readLayers, sequentialLayers, unsupported, type KerasLayer, type ReadTopology } from './tfjs-topology.ts';

type InboundNode = readonly [name: string, nodeIndex: 0, tensorIndex: 0, kwargs: Readonly<Record<string, never>>];

export interface FunctionalLayer extends KerasLayer {
  readonly name: string;
  readonly inbound_nodes: readonly (readonly InboundNode[])[];
}

export interface FunctionalTopology {
  readonly class_name: 'Model';
  readonly config: {
    readonly name: string;
    readonly layers: readonly FunctionalLayer[];
    readonly input_layers: readonly (readonly [string, 0, 0])[];
    readonly output_layers: readonly (readonly [string, 0, 0])[];
  };
  readonly keras_version: string;
  readonly backend: string;
}

const INPUT = 'input';
const AVERAGE = 'average';

export function memberPrefix(member: number): string {
  return `member${member + 1}_`;
}

const from = (name: string): InboundNode[][] => [[[name, 0, 0, {}]]];

export function ensembleTopology(specs: readonly NetworkSpec[], generatedBy: string): FunctionalTopology {
  const inputSize = specs[0]!.inputSize;
  const layers: FunctionalLayer[] = [{ class_name: 'InputLayer', name: INPUT, inbound_nodes: [], config: { name: INPUT, batch_input_shape: [null, inputSize], dtype: 'float32', sparse: false } }];
  const outputs: string[] = [];
  specs.forEach((spec, m) => {
    let previous = INPUT;
    for (const layer of sequentialLayers(spec, namer(memberPrefix(m)))) {
      const name = layer.config.name as string;
      layers.push({ class_name: layer.class_name, name, inbound_nodes: from(previous), config: layer.config });
      previous = name;
    }
    outputs.push(previous);
  });
  layers.push({ class_name: 'Average', name: AVERAGE, inbound_nodes: [outputs.map((name): InboundNode => [name, 0, 0, {}])], config: { name: AVERAGE, trainable: true, dtype: 'float32' } });
  return {
    class_name: 'Model',
    config: { name: 'ensemble', layers, input_layers: [[INPUT, 0, 0]], output_layers: [[AVERAGE, 0, 0]] },
    keras_version: generatedBy,
    backend: 'tensor_flow.js',
  };
}

function inboundName(layer: FunctionalLayer, where: string): string {
  const nodes = layer.inbound_nodes;
  if (!Array.isArray(nodes) || nodes.length !== 1 || !Array.isArray(nodes[0]) || nodes[0].length !== 1 || !Array.isArray(nodes[0][0])) {
    unsupported(`${where}.inbound_nodes`, 'not a single input from one layer');
  }
  return String(nodes[0][0][0]);
}

/**
 * The members of an ensemble topology, each with its spec and its weights' names, in member order. Checks
 * the wiring: every chain starts at the input, every layer reads the one before it, and the one output
 * averages every chain's end.
 */
export function membersFromTopology(topology: FunctionalTopology, loss: LossKind, at = 'network.modelTopology'): ReadTopology[] {
  const source = topology.config.layers;
  const where = (i: number): string => `${at}.config.layers[${i}]`;
  const input = source[0];
  if (input?.class_name !== 'InputLayer') unsupported(`${where(0)}.class_name`, `"${String(input?.class_name)}", not the InputLayer that must come first`);
  const inputSize = inputWidth(input.config.batch_input_shape, `${where(0)}.config.batch_input_shape`);
  const last = source.length - 1;
  const average = source[last]!;
  if (last < 2 || average.class_name !== 'Average') unsupported(`${where(last)}.class_name`, `"${String(average.class_name)}", not the Average layer that must come last`);
  const chains: { layer: FunctionalLayer; where: string }[][] = [];
  for (let i = 1; i < last; i++) {
    const layer = source[i]!;
    if (layer.name !== layer.config.name) unsupported(`${where(i)}.name`, `"${layer.name}", not its config's name "${String(layer.config.name)}"`);
    const reads = inboundName(layer, where(i));
    const chain = chains[chains.length - 1];
    if (reads === input.name) chains.push([{ layer, where: where(i) }]);
    else if (chain && reads === chain[chain.length - 1]!.layer.name) chain.push({ layer, where: where(i) });
    else unsupported(`${where(i)}.inbound_nodes`, `an input from "${reads}", not from the layer before it in its member's chain`);
  }
  const ends = (average.inbound_nodes[0] ?? []).map((node) => String(node[0]));
  const expected = chains.map((c) => c[c.length - 1]!.layer.name);
  if (average.inbound_nodes.length !== 1 || ends.join('\u0000') !== expected.join('\u0000')) {
    unsupported(`${where(last)}.inbound_nodes`, `an average of [${ends.join(', ')}], not of every member's last layer [${expected.join(', ')}]`);
  }
  const outputs = topology.config.output_layers;
  if (outputs.length !== 1 || outputs[0]![0] !== average.name) unsupported(`${at}.config.output_layers`, `${JSON.stringify(outputs)}, not the Average layer alone`);
  const seen = new Set([input.name, average.name]);
  return chains.map((chain) => readLayers(chain, inputSize, loss, seen, false));
}
