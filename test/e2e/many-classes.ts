/**
 * A generated table shaped like UCI's Soybean: 19 classes with long names, every feature a category, a few empty
 * cells, and the target as the FIRST column. Each class prefers one level per feature and keeps it 80% of the
 * time, so a small network learns it; the point is the screens a 19-class model gets, not the score.
 */
export const CLASSES = [
  'diaporthe-stem-canker', 'charcoal-rot', 'rhizoctonia-root-rot', 'phytophthora-rot', 'brown-stem-rot',
  'powdery-mildew', 'downy-mildew', 'brown-spot', 'bacterial-blight', 'bacterial-pustule', 'purple-seed-stain',
  'anthracnose', 'phyllosticta-leaf-spot', 'alternarialeaf-spot', 'frog-eye-leaf-spot', 'diaporthe-pod-&-stem-blight',
  'cyst-nematode', '2-4-d-injury', 'herbicide-injury',
] as const;

const FEATURES: readonly (readonly [string, readonly string[]])[] = [
  ['date', ['april', 'may', 'june', 'july', 'august', 'september', 'october']],
  ['plant-stand', ['normal', 'lt-normal']],
  ['precip', ['lt-norm', 'norm', 'gt-norm']],
  ['temp', ['lt-norm', 'norm', 'gt-norm']],
  ['hail', ['yes', 'no']],
  ['crop-hist', ['diff-lst-year', 'same-lst-yr', 'same-lst-two-yrs', 'same-lst-sev-yrs']],
  ['area-damaged', ['scattered', 'low-areas', 'upper-areas', 'whole-field']],
  ['severity', ['minor', 'pot-severe', 'severe']],
  ['leafspots-halo', ['absent', 'yellow-halos', 'no-yellow-halos']],
  ['stem-cankers', ['absent', 'below-soil', 'above-soil', 'above-sec-nde']],
  ['fruit-pods', ['norm', 'diseased', 'few-present', 'dna']],
  ['roots', ['norm', 'rotted', 'galls-cysts']],
];

/** A small seeded generator (mulberry32): the same table every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The CSV text: a header, then `rowsPerClass` rows of each class, shuffled. */
export function soybeanLikeCsv(rowsPerClass = 24, seed = 19): string {
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const preferred = CLASSES.map(() => FEATURES.map(([, levels]) => pick(levels)));
  const rows: string[][] = [];
  CLASSES.forEach((name, c) => {
    for (let i = 0; i < rowsPerClass; i++) {
      const cells = FEATURES.map(([, levels], f) => (next() < 0.04 ? '' : next() < 0.8 ? preferred[c]![f]! : pick(levels)));
      rows.push([name, ...cells]);
    }
  });
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  return [['Class', ...FEATURES.map(([name]) => name)], ...rows].map((row) => row.join(',')).join('\n') + '\n';
}
