/**
 * The trained network's picture laid out like the Build step's drawing (same geometry, lib/network/drawing.ts):
 * each drawn neuron where the plain drawing puts it, each drawn weight as an edge whose thickness follows its
 * size and whose sign picks its colour. And whether a picture belongs to the design being edited.
 */
import type { NetworkPicture, PictureNeuron } from '../../../../engine/insight/network-picture.ts';
import type { ActivationName } from '../../../../engine/nn/activations.ts';
import { layoutNetwork, type DrawingOptions, type NetworkDrawing } from './drawing.ts';

export interface WeightedEdge {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly positive: boolean;
  /** Stroke width: 0.5 for the weakest drawn, up to 4 for the strongest. */
  readonly width: number;
  readonly weight: number;
}

export interface WeightedDrawing {
  readonly drawing: NetworkDrawing;
  readonly edges: readonly WeightedEdge[];
  /** The picture's neuron behind each drawn node: neurons[column][k]. */
  readonly neurons: readonly (readonly PictureNeuron[])[];
}

/** One entry a line, as the Build step's own drawing captions a layer (a layer's dropout on a line of its own). */
export function captionOf(column: NetworkPicture['columns'][number]): string[] {
  if (column.kind === 'input') return [`${column.units} inputs`];
  return [`${column.units} · ${column.activation}`, column.dropout > 0 ? `dropout ${column.dropout}` : '', column.batchNormalization ? 'batch norm' : ''].filter(Boolean);
}

export function layoutPicture(picture: NetworkPicture, options: DrawingOptions): WeightedDrawing {
  const drawing = layoutNetwork(
    picture.columns.map((c) => ({ kind: c.kind, units: c.units, caption: captionOf(c), names: c.neurons.map((n) => n.name ?? ''), drawn: c.neurons.length })),
    options,
  );
  const positionOf = (column: number, index: number) => drawing.columns[column]!.nodes[picture.columns[column]!.neurons.findIndex((n) => n.index === index)]!;
  const edges = picture.edges.map((e): WeightedEdge => {
    const a = positionOf(e.column, e.source);
    const b = positionOf(e.column + 1, e.target);
    const size = picture.maxWeight > 0 ? Math.abs(e.weight) / picture.maxWeight : 0;
    return { x1: a.x, y1: a.y, x2: b.x, y2: b.y, positive: e.weight >= 0, width: 0.5 + 3.5 * size, weight: e.weight };
  });
  return { drawing, edges, neurons: picture.columns.map((c) => c.neurons) };
}

export interface DesignShape {
  readonly inputs: number;
  readonly hidden: readonly { readonly units: number; readonly activation: ActivationName }[];
  readonly outputs: number;
}

/** Whether the picture's network has the design's shape: inputs, each hidden layer's units and activation, outputs. */
export function pictureMatches(picture: NetworkPicture, design: DesignShape): boolean {
  const columns = picture.columns;
  if (columns.length !== design.hidden.length + 2) return false;
  if (columns[0]!.units !== design.inputs || columns.at(-1)!.units !== design.outputs) return false;
  return design.hidden.every((layer, i) => columns[i + 1]!.units === layer.units && columns[i + 1]!.activation === layer.activation);
}

/** "z = 0.82 × Age − 0.41 × Fare + … + 0.12": a neuron's weighted sum with its strongest inputs. */
export function formulaOf(computes: NonNullable<PictureNeuron['computes']>): string {
  const term = (w: number, name: string, first: boolean) => `${w < 0 ? (first ? '−' : ' − ') : first ? '' : ' + '}${Math.abs(w).toFixed(2)} × ${name}`;
  const terms = computes.strongest.map((s, i) => term(s.weight, s.input, i === 0)).join('');
  const rest = computes.inputs - computes.strongest.length;
  const bias = `${computes.bias < 0 ? ' − ' : ' + '}${Math.abs(computes.bias).toFixed(2)}`;
  return `z = ${terms}${rest > 0 ? ` + … (${rest} more input${rest === 1 ? '' : 's'})` : ''}${bias}`;
}
