import { describe, expect, it } from 'vitest';
import { defaultHiddenUnits } from '../../../../engine/pipeline/training-settings.ts';
import { addLayer, defaultReason, designName, moveLayer, presetLayers, PRESETS, removeLayer, sizedDefault, toNetworkDesign, updateLayer, MAX_HIDDEN_LAYERS } from '../../../../renderer/src/lib/network/design.ts';
import { CHAR_EM, layoutNetwork } from '../../../../renderer/src/lib/network/drawing.ts';

describe('network design', () => {
  it('has the classic 6-6-1 and the default 32-16 among its presets', () => {
    expect(designName(presetLayers('classic'), 1)).toBe('6-6-1');
    expect(designName(presetLayers('default'), 3)).toBe('32-16-3');
    expect(PRESETS.map((p) => p.id)).toContain('linear');
  });

  it('sizes the default preset as `layerlab train` does, and says why in one line', () => {
    for (const [inputs, outputs] of [[4, 1], [108, 1], [4, 3], [12, 5], [16, 26], [180, 3]] as const) {
      expect(presetLayers('default', { inputs, outputs }).map((l) => l.units), `${inputs} inputs, ${outputs} outputs`).toEqual(defaultHiddenUnits(inputs, outputs));
    }
    const fiveClasses = { inputs: 12, outputs: 5 };
    expect(designName(presetLayers('default', fiveClasses), 5)).toBe('64-32-5');
    expect(PRESETS.find((p) => p.id === 'default')!.name(fiveClasses)).toBe('Default 64-32');
    expect(defaultReason(fiveClasses)).toBe('64-32: sized for 12 inputs and 5 classes');
    expect(defaultReason({ inputs: 180, outputs: 3 })).toBe('256-128: sized for 180 inputs and 3 classes (the widest default)');
    expect(defaultReason({ inputs: 108, outputs: 1 })).toBe('32-16: a first try for one output (two classes or a number); wider did no better on such tables');
    expect(defaultReason(null)).toBe('32-16: a good first try for most tables');
  });

  it('keeps the default layers (and their ids) when the table asks for the widths they already have', () => {
    const layers = presetLayers('default', { inputs: 12, outputs: 5 });
    expect(sizedDefault(layers, { inputs: 14, outputs: 5 })).toBe(layers);
    expect(sizedDefault(layers, { inputs: 4, outputs: 1 }).map((l) => l.units)).toEqual([32, 16]);
  });

  it('adds after a layer with its width, removes, and moves only within the ends', () => {
    const [a, b] = presetLayers('default');
    let layers = addLayer([a!, b!], 0);
    expect(layers.map((l) => l.units)).toEqual([32, 32, 16]);
    const added = layers[1]!;
    expect(moveLayer(layers, a!.id, -1).map((l) => l.id), 'the first layer cannot move up').toEqual(layers.map((l) => l.id));
    layers = moveLayer(layers, b!.id, -1);
    expect(layers.map((l) => l.id)).toEqual([a!.id, b!.id, added.id]);
    expect(removeLayer(layers, b!.id).map((l) => l.id)).toEqual([a!.id, added.id]);
    expect(addLayer([]).map((l) => l.units), 'the first layer has 16 units').toEqual([16]);
  });

  it('stops adding at the most hidden layers it allows', () => {
    let layers = presetLayers('classic');
    for (let i = 0; i < 30; i++) layers = addLayer(layers);
    expect(layers).toHaveLength(MAX_HIDDEN_LAYERS);
  });

  it('keeps units whole and at least 1, dropout in [0, 0.9], and ignores a value that is not a number', () => {
    const [l] = presetLayers('classic');
    expect(updateLayer([l!], l!.id, { units: 2.6, dropout: 1.5 })[0]).toMatchObject({ units: 3, dropout: 0.9 });
    expect(updateLayer([l!], l!.id, { units: -4, dropout: -1 })[0]).toMatchObject({ units: 1, dropout: 0 });
    expect(updateLayer([l!], l!.id, { units: Number.NaN })[0]).toMatchObject({ units: 6 });
  });

  it('makes the engine design: Dense layers with a Dropout after those that drop', () => {
    expect(toNetworkDesign(presetLayers('wide')).hidden).toEqual([
      { type: 'dense', units: 128, activation: 'relu' },
      { type: 'dropout', rate: 0.2 },
      { type: 'dense', units: 64, activation: 'relu' },
      { type: 'dropout', rate: 0.2 },
    ]);
  });
});

describe('network drawing', () => {
  const layers = [
    { kind: 'input' as const, units: 13, caption: ['13 inputs'], names: Array.from({ length: 13 }, (_, i) => `f${i}`) },
    { kind: 'hidden' as const, units: 6, caption: ['6 · relu'] },
    { kind: 'hidden' as const, units: 32, caption: ['32 · relu'] },
    { kind: 'output' as const, units: 1, caption: ['1 · sigmoid'] },
  ];

  it('puts dropout on its own caption line and sizes captions so that neighbours never run into each other', () => {
    const crowded = [
      { kind: 'input' as const, units: 8, caption: ['8 inputs'] },
      ...[12, 16, 16, 8, 8].map((units) => ({ kind: 'hidden' as const, units, caption: [`${units} · tanh`, 'dropout 0.25'] })),
      { kind: 'output' as const, units: 1, caption: ['1 · sigmoid'] },
    ];
    const d = layoutNetwork(crowded, { width: 640, height: 340, sideMargin: 140 });
    const halfWidth = (line: string) => (line.length * CHAR_EM * d.captionSize) / 2;
    expect(d.captionSize, 'still readable').toBeGreaterThanOrEqual(9);
    const placed = d.columns.flatMap((c) => c.caption.map((line, k) => ({ y: c.captionY[k]!, left: c.x - halfWidth(line), right: c.x + halfWidth(line) })));
    for (const a of placed) for (const b of placed) if (a !== b && a.y === b.y && a.left < b.left) expect(a.right + 2).toBeLessThan(b.left);
    for (const p of placed) expect(p.y).toBeGreaterThan(Math.max(...d.columns.flatMap((c) => c.nodes.map((n) => n.y + d.radius))));
    expect(layoutNetwork(layers, { width: 640, height: 340, sideMargin: 140 }).captionSize, 'an uncrowded network keeps the full size').toBe(12);
  });

  it('draws at most 8 neurons a layer and counts the rest', () => {
    const d = layoutNetwork(layers, { width: 800, height: 400 });
    expect(d.columns.map((c) => [c.nodes.length, c.more])).toEqual([
      [8, 5],
      [6, 0],
      [8, 24],
      [1, 0],
    ]);
    expect(d.columns[0]!.nodes.map((n) => n.name)).toEqual(['f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7']);
  });

  it('joins every drawn neuron to every drawn neuron of the next layer, left to right', () => {
    const d = layoutNetwork(layers, { width: 800, height: 400 });
    expect(d.edges).toHaveLength(8 * 6 + 6 * 8 + 8 * 1);
    expect(d.columns.map((c) => c.x)).toEqual([120, 120 + 560 / 3, 120 + 1120 / 3, 680]);
    for (const e of d.edges) expect(e.x2).toBeGreaterThan(e.x1);
  });

  it('keeps every neuron and the "more" line inside the picture, centred in its column', () => {
    const d = layoutNetwork(layers, { width: 800, height: 300 });
    for (const c of d.columns) {
      for (const n of c.nodes) expect(n.y - d.radius).toBeGreaterThanOrEqual(0);
      expect(c.moreY).toBeLessThan(300);
      const mid = (c.nodes[0]!.y + c.nodes.at(-1)!.y) / 2;
      expect(mid).toBeCloseTo(d.columns[0]!.nodes[0]!.y / 2 + d.columns[0]!.nodes.at(-1)!.y / 2, 6);
    }
  });
});
