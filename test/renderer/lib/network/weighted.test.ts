import { describe, expect, it } from 'vitest';
import type { NetworkPicture } from '../../../../engine/insight/network-picture.ts';
import { formulaOf, layoutPicture, pictureMatches } from '../../../../renderer/src/lib/network/weighted.ts';

const neuron = (index: number, name: string | null = null) => ({ index, name, computes: null, activity: null });

/** 3 inputs → 300 hidden (two drawn: 7 and 250) → 1 output. */
const picture: NetworkPicture = {
  columns: [
    { kind: 'input', units: 3, activation: null, dropout: 0, batchNormalization: false, neurons: [neuron(0, 'a'), neuron(1, 'b'), neuron(2, 'c')] },
    { kind: 'hidden', units: 300, activation: 'relu', dropout: 0.2, batchNormalization: true, neurons: [neuron(7), neuron(250)] },
    { kind: 'output', units: 1, activation: 'sigmoid', dropout: 0, batchNormalization: false, neurons: [neuron(0, 'y')] },
  ],
  edges: [
    { column: 0, source: 2, target: 250, weight: -2 },
    { column: 1, source: 7, target: 0, weight: 0.5 },
  ],
  maxWeight: 2,
  cut: { neurons: 298, edges: 1198, connections: 1200 },
  members: 1,
};

describe('the weighted drawing', () => {
  it('puts each weight between the drawn neurons it joins, thick by size, coloured by sign', () => {
    const { drawing, edges } = layoutPicture(picture, { width: 640, height: 340 });
    const [inputs, hidden, output] = drawing.columns;
    expect(edges[0]).toMatchObject({ x1: inputs!.nodes[2]!.x, y1: inputs!.nodes[2]!.y, x2: hidden!.nodes[1]!.x, y2: hidden!.nodes[1]!.y, positive: false, width: 4, weight: -2 });
    expect(edges[1]).toMatchObject({ x1: hidden!.nodes[0]!.x, y2: output!.nodes[0]!.y, positive: true, width: 0.5 + 3.5 * 0.25 });
    expect(hidden!.more).toBe(298);
    expect(hidden!.caption, 'one entry a line, as Build draws a layer').toEqual(['300 · relu', 'dropout 0.2', 'batch norm']);
    expect(inputs!.nodes.map((n) => n.name)).toEqual(['a', 'b', 'c']);
  });

  it("belongs to a design with the same inputs, hidden units and activations, and outputs", () => {
    expect(pictureMatches(picture, { inputs: 3, hidden: [{ units: 300, activation: 'relu' }], outputs: 1 })).toBe(true);
    expect(pictureMatches(picture, { inputs: 3, hidden: [{ units: 300, activation: 'tanh' }], outputs: 1 })).toBe(false);
    expect(pictureMatches(picture, { inputs: 4, hidden: [{ units: 300, activation: 'relu' }], outputs: 1 })).toBe(false);
    expect(pictureMatches(picture, { inputs: 3, hidden: [], outputs: 1 })).toBe(false);
  });

  it('writes what a neuron computes with its strongest inputs and its bias', () => {
    expect(formulaOf({ bias: -0.125, inputs: 13, strongest: [{ input: 'Age', weight: -0.8 }, { input: 'Fare', weight: 0.41 }] })).toBe('z = −0.80 × Age + 0.41 × Fare + … (11 more inputs) − 0.13');
    expect(formulaOf({ bias: 0.5, inputs: 1, strongest: [{ input: 'x', weight: 2 }] })).toBe('z = 2.00 × x + 0.50');
  });
});
