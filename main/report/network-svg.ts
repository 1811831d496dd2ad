/** The trained network in the report: neurons in columns, the drawn weights as edges coloured by sign, thick by size. */
import type { NetworkPicture } from '../../engine/insight/network-picture.ts';
import { escapeHtml, short } from './svg.ts';

const WIDTH = 640;
const HEIGHT = 340;
const SIDE = 140;
const TOP = 24;
const BOTTOM = 52;

function caption(column: NetworkPicture['columns'][number]): string {
  if (column.kind === 'input') return `${column.units} inputs`;
  const extras = [column.dropout > 0 ? `drop ${column.dropout}` : '', column.batchNormalization ? 'batch norm' : ''].filter(Boolean);
  return [`${column.units} · ${column.activation}`, ...extras].join(' · ');
}

export function networkSvg(picture: NetworkPicture, label: string): string {
  const usable = HEIGHT - TOP - BOTTOM;
  const tallest = Math.max(1, ...picture.columns.map((c) => c.neurons.length));
  const spacing = Math.min(44, usable / tallest);
  const radius = Math.max(4, Math.min(12, spacing * 0.34));
  const step = (WIDTH - 2 * SIDE) / Math.max(1, picture.columns.length - 1);
  const positions = picture.columns.map((column, c) => {
    const x = picture.columns.length > 1 ? SIDE + c * step : WIDTH / 2;
    const top = TOP + (usable - column.neurons.length * spacing) / 2 + spacing / 2;
    return new Map(column.neurons.map((n, k) => [n.index, { x, y: top + k * spacing }]));
  });
  const parts = [`<svg class="network" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(label)}"><title>${escapeHtml(label)}</title>`];
  for (const e of picture.edges) {
    const a = positions[e.column]!.get(e.source)!;
    const b = positions[e.column + 1]!.get(e.target)!;
    const width = 0.4 + 3.6 * (picture.maxWeight > 0 ? Math.abs(e.weight) / picture.maxWeight : 0);
    parts.push(`<line class="${e.weight >= 0 ? 'pos' : 'neg'}" stroke-width="${width.toFixed(2)}" x1="${a.x}" y1="${a.y.toFixed(1)}" x2="${b.x}" y2="${b.y.toFixed(1)}"><title>weight ${short(e.weight)}</title></line>`);
  }
  picture.columns.forEach((column, c) => {
    const last = c === picture.columns.length - 1;
    let lowest = TOP;
    for (const neuron of column.neurons) {
      const { x, y } = positions[c]!.get(neuron.index)!;
      lowest = Math.max(lowest, y);
      parts.push(`<circle class="neuron ${column.kind}" cx="${x}" cy="${y.toFixed(1)}" r="${radius.toFixed(1)}"/>`);
      if (neuron.name && (c === 0 || last)) {
        const name = neuron.name.length > 18 ? `${neuron.name.slice(0, 17)}…` : neuron.name;
        parts.push(`<text class="tick" x="${c === 0 ? x - radius - 6 : x + radius + 6}" y="${y.toFixed(1)}" text-anchor="${c === 0 ? 'end' : 'start'}" dominant-baseline="middle">${escapeHtml(name)}</text>`);
      }
    }
    const more = column.units - column.neurons.length;
    if (more > 0) parts.push(`<text class="tick faint" x="${positions[c]!.values().next().value!.x}" y="${(lowest + radius + 14).toFixed(1)}" text-anchor="middle">… ${more} more</text>`);
    parts.push(`<text class="label" x="${c === 0 && picture.columns.length > 1 ? SIDE : positions[c]!.values().next().value!.x}" y="${HEIGHT - 10}" text-anchor="middle">${escapeHtml(caption(column))}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
