/**
 * Where the network picture's neurons and connections go, like the textbook drawing: one column per layer,
 * input → hidden → output, every drawn neuron joined to every drawn neuron of the next column. A layer with more
 * neurons than `maxNodes` draws `maxNodes` and says how many more it has. Pure geometry; the SVG view renders it.
 */

export interface LayerColumn {
  readonly kind: 'input' | 'hidden' | 'output';
  readonly units: number;
  /** Under the column, one entry a line: ["13 inputs"], ["6 · relu", "dropout 0.2"], ["1 · sigmoid"]. */
  readonly caption: readonly string[];
  /** Names beside the neurons (input features, output classes); at most one per drawn neuron. */
  readonly names?: readonly string[];
  /** Neurons to draw when not `maxNodes` (the trained picture draws the ones it chose). */
  readonly drawn?: number;
}

export interface DrawnNode {
  readonly x: number;
  readonly y: number;
  readonly name: string | null;
}

export interface DrawnColumn {
  readonly kind: LayerColumn['kind'];
  readonly x: number;
  readonly caption: readonly string[];
  readonly nodes: readonly DrawnNode[];
  /** Neurons of this layer not drawn ("… 24 more"); 0 when all are. */
  readonly more: number;
  /** Where the "… 24 more" line goes. */
  readonly moreY: number;
  /** The baseline of each caption line, top to bottom. */
  readonly captionY: readonly number[];
}

export interface DrawnEdge {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

export interface NetworkDrawing {
  readonly width: number;
  readonly height: number;
  readonly radius: number;
  /** Font size of the captions: small enough that neighbouring columns' captions never run into each other. */
  readonly captionSize: number;
  readonly columns: readonly DrawnColumn[];
  readonly edges: readonly DrawnEdge[];
}

export interface DrawingOptions {
  readonly width: number;
  readonly height: number;
  readonly maxNodes?: number;
  /** Room at the left and right for the names beside input and output neurons. */
  readonly sideMargin?: number;
}

const TOP = 24;
/** Room under the neurons for "… N more" and two caption lines. */
const BOTTOM = 52;
const CAPTION_SIZE = 12;
const MIN_CAPTION_SIZE = 9;
/** A caption character is at most about this many ems wide (digits, "·" and lower case at 12 px). */
export const CHAR_EM = 0.62;
/** Space between neighbouring captions. */
const CAPTION_GAP = 6;

/**
 * The captions' size, and whether every other column's caption goes one block lower: centred on their columns,
 * neighbours must fit side by side within the step between them; when they cannot at a readable size, alternate
 * columns are staggered so that only captions two columns apart share a line.
 */
function captionLayout(layers: readonly LayerColumn[], step: number): { size: number; staggered: boolean } {
  if (step <= 0) return { size: CAPTION_SIZE, staggered: false };
  const longest = Math.max(1, ...layers.flatMap((l) => l.caption.map((line) => line.length)));
  const fits = (room: number) => Math.min(CAPTION_SIZE, Math.floor((room - CAPTION_GAP) / (longest * CHAR_EM)));
  if (fits(step) >= MIN_CAPTION_SIZE) return { size: fits(step), staggered: false };
  return { size: Math.max(7, fits(2 * step)), staggered: true };
}

export function layoutNetwork(layers: readonly LayerColumn[], options: DrawingOptions): NetworkDrawing {
  const { width, height, maxNodes = 8, sideMargin = 120 } = options;
  const step = layers.length > 1 ? (width - 2 * sideMargin) / (layers.length - 1) : 0;
  const captions = captionLayout(layers, step);
  const lineHeight = captions.size + 3;
  const lines = Math.max(1, ...layers.map((l) => l.caption.length));
  const usable = height - TOP - BOTTOM - (captions.staggered ? lines * lineHeight : 0);
  const tallest = Math.max(1, ...layers.map((l) => Math.min(l.units, l.drawn ?? maxNodes)));
  const spacing = Math.min(44, usable / tallest);
  const radius = Math.max(4, Math.min(13, spacing * 0.34));
  const columns = layers.map((layer, i): DrawnColumn => {
    const x = layers.length > 1 ? sideMargin + i * step : width / 2;
    const drawn = Math.min(layer.units, layer.drawn ?? maxNodes);
    const top = TOP + (usable - drawn * spacing) / 2 + spacing / 2;
    const nodes = Array.from({ length: drawn }, (_, k) => ({ x, y: top + k * spacing, name: layer.names?.[k] ?? null }));
    const last = nodes.at(-1)?.y ?? TOP;
    // Bottom-aligned blocks: the lower block for odd columns when staggered, else every column in one block.
    const bottom = height - 10 - (captions.staggered && i % 2 === 0 ? lines * lineHeight : 0);
    const captionY = layer.caption.map((_, k) => bottom - (layer.caption.length - 1 - k) * lineHeight);
    return { kind: layer.kind, x, caption: layer.caption, nodes, more: layer.units - drawn, moreY: last + radius + 14, captionY };
  });
  const edges: DrawnEdge[] = [];
  for (let i = 0; i + 1 < columns.length; i++) {
    for (const a of columns[i]!.nodes) for (const b of columns[i + 1]!.nodes) edges.push({ x1: a.x, y1: a.y, x2: b.x, y2: b.y });
  }
  return { width, height, radius, captionSize: captions.size, columns, edges };
}
