/** The report's first four sections: the data and its cleaning, the network, the settings, the curves. */
import { stepDefinition } from '../../engine/prep/steps/registry.ts';
import type { RecipeStep, StepReport } from '../../engine/prep/types.ts';
import { networkSvg } from './network-svg.ts';
import type { ReportInput } from './report-types.ts';
import { escapeHtml as h, lineChart, short } from './svg.ts';

const count = (n: number) => n.toLocaleString('en-US');
const percent = (x: number) => `${Math.round(x * 100)}%`;

export function table(head: readonly string[], rows: readonly (readonly string[])[], className = ''): string {
  return `<table${className ? ` class="${className}"` : ''}><thead><tr>${head.map((c) => `<th scope="col">${h(c)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td>${c}</td>`)).join('')}</tr>`).join('')}</tbody></table>`;
}

export function facts(items: readonly (readonly [string, string])[]): string {
  return `<dl class="facts">${items.map(([k, v]) => `<div><dt>${h(k)}</dt><dd>${v}</dd></div>`).join('')}</dl>`;
}

function describeStep(step: RecipeStep): string {
  try {
    return stepDefinition(step.kind).describe(step.params);
  } catch {
    return step.kind;
  }
}

function stepRow(step: RecipeStep, report: StepReport | undefined): string[] {
  return [h(describeStep(step)), h(step.why ?? '—'), h(report?.summary ?? '—')];
}

export function dataSection(input: ReportInput): string {
  const { file, steps } = input;
  const source = file.provenance.source;
  const recipe = file.recipe.recipe;
  const target = file.recipe.target;
  const split = recipe.split;
  const reportOf = (id: string) => steps?.find((s) => s.stepId === id);
  const what = target.task === 'regression' ? 'a number (regression)' : target.task === 'binary' ? `yes or no: “${target.classLabels![1]}” or not` : `one of ${target.classLabels!.length} classes`;
  const stages = steps ? [reportOf('target'), reportOf('split')].filter((s): s is StepReport => s !== undefined).map((s) => `<li>${h(s.summary)}</li>`).join('') : '';
  return `<section id="data" aria-labelledby="data-title"><h2 id="data-title">1. The data and its cleaning</h2>
${facts([
  ['File', h(source.name)],
  source.columns !== undefined ? ['Rows × columns', `${count(source.rows)} × ${source.columns}`] : ['Rows', count(source.rows)],
  ['Predicts', `<strong>${h(target.column)}</strong>: ${h(what)}`],
  ['Split', `${percent(split.train)} training, ${percent(split.validation)} validation, ${percent(split.test)} test${split.stratify && target.task !== 'regression' ? ', stratified by class' : ''} (seed ${split.seed})`],
  ['Rows used', `${count(file.training.rows.train)} training, ${count(file.training.rows.validation)} validation, ${count(file.training.rows.test)} test`],
  ['Network inputs', `${file.recipe.features.length} features from ${file.recipe.inputSchema.length} columns`],
])}
${stages ? `<ul class="stages">${stages}</ul>` : ''}
<h3>Cleaning recipe</h3>
<p class="how">Each step learned what it needed (means, categories, bounds) from the training rows only, so the test rows stay unseen.</p>
${recipe.steps.length ? table(['Step', 'Why', 'What it did'], recipe.steps.map((s) => stepRow(s, reportOf(s.id))), 'steps') : '<p>No cleaning steps: the columns go to the network as they are.</p>'}
${steps ? '' : '<p class="note">What each step did is shown when the report is made with the training file at hand.</p>'}
</section>`;
}

export function networkSection(input: ReportInput): string {
  const { file, picture } = input;
  const design = file.training.design;
  const hidden = design.hidden
    .map((layer) => (layer.type === 'dense' ? `Dense ${layer.units} (${layer.activation ?? 'linear'})` : layer.type === 'dropout' ? `Dropout ${layer.rate}` : 'Batch normalization'))
    .join(' → ');
  const ensemble = picture.members > 1 ? ` The model is an ensemble of ${picture.members} networks whose outputs are averaged: the first is drawn.` : '';
  const cut = picture.cut.edges > 0 ? ` Wide layers: the ${picture.columns.reduce((m, c) => Math.max(m, c.neurons.length), 0)} most connected neurons of each layer are drawn, and between them the strongest ${count(picture.edges.length)} of ${count(picture.cut.connections)} connections.` : '';
  // Moving statistics of batch normalization are kept, not learned by the optimizer.
  const learned = file.network.weightSpecs.filter((w) => !/moving_(mean|variance)$/.test(w.name)).reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
  return `<section id="network" aria-labelledby="network-title"><h2 id="network-title">2. The network</h2>
${facts([
  ['Layers', `${file.recipe.features.length} inputs → ${h(hidden || 'no hidden layer')} → ${file.recipe.target.outputWidth} output${file.recipe.target.outputWidth > 1 ? 's' : ''}`],
  ['Weights learned', count(learned)],
  ['Loss', h(file.network.loss.replaceAll('_', ' '))],
])}
<figure>${networkSvg(picture, `The trained network: ${picture.columns.map((c) => c.units).join(' → ')} neurons, edges coloured by the sign of their learned weight and as thick as its size`)}
<figcaption>Learned weights: <span class="key pos">positive</span> and <span class="key neg">negative</span>, thicker for larger ones.${h(ensemble + cut)}</figcaption></figure>
</section>`;
}

export function settingsSection(input: ReportInput): string {
  const s = input.file.training.settings;
  const optimizer = s.optimizer as { kind: string; learningRate?: number };
  const early = s.earlyStopping ? `on the validation loss, patience ${s.earlyStopping.patience} epochs${s.earlyStopping.restoreBestWeights ? ', best weights restored' : ''}` : 'off';
  const plateau = s.reduceLrOnPlateau ? `× ${s.reduceLrOnPlateau.factor} after ${s.reduceLrOnPlateau.patience} flat epochs` : 'off';
  return `<section id="settings" aria-labelledby="settings-title"><h2 id="settings-title">3. Training settings</h2>
${facts([
  ['Optimizer', `${h(optimizer.kind)}, learning rate ${optimizer.learningRate ?? '—'}`],
  ['Batch size', String(s.batchSize)],
  ['Epochs', `up to ${s.epochs}; ${input.file.training.epochsCompleted} run`],
  ['Early stopping', h(early)],
  ['Learning rate on a plateau', h(plateau)],
  ['Class weights', h(s.classWeight)],
  ['Seed', String(s.seed)],
])}
</section>`;
}

function series(history: Readonly<Record<string, readonly (number | null)[]>>, key: string, name: string) {
  const values = history[key];
  return values ? [{ name, points: values.map((v, i) => [i + 1, v] as const) }] : [];
}

export function curvesSection(input: ReportInput): string {
  const training = input.file.training;
  const history = training.history;
  const metric = history.r2 ? 'r2' : 'accuracy';
  const metricName = metric === 'r2' ? 'R²' : 'accuracy';
  const marker = training.bestEpoch ? { x: training.bestEpoch, label: `best epoch ${training.bestEpoch}` } : undefined;
  const loss = [...series(history, 'loss', 'training loss'), ...series(history, 'val_loss', 'validation loss')];
  const score = [...series(history, metric, `training ${metricName}`), ...series(history, `val_${metric}`, `validation ${metricName}`)];
  const chart = (title: string, yLabel: string, s: typeof loss, yRange?: readonly [number, number]) =>
    s.length && s[0]!.points.length > 0 ? lineChart({ title, description: `${title} per epoch.`, xLabel: 'epoch', yLabel, series: s, ...(marker ? { marker } : {}), ...(yRange ? { yRange } : {}) }) : '';
  const last = (key: string) => history[key]?.at(-1);
  return `<section id="curves" aria-labelledby="curves-title"><h2 id="curves-title">4. Training curves</h2>
<p class="how">The training loss falls as the network fits its rows; the validation loss is what counts: when it rises while the training loss still falls, the network has started to memorise (overfitting).${training.bestEpoch ? ` The weights kept are those of epoch ${training.bestEpoch}.` : ''}</p>
${facts([
  ['Epochs run', String(training.epochsCompleted)],
  ['Why it stopped', h(training.stopReason)],
  ['Last loss', `${short(last('loss') ?? NaN)} training, ${short(last('val_loss') ?? NaN)} validation`],
])}
<div class="charts">${chart('Loss', 'loss', loss)}${chart(metricName[0]!.toUpperCase() + metricName.slice(1), metricName, score, metric === 'accuracy' ? [0, 1] : undefined)}</div>
</section>`;
}
