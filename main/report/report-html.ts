/**
 * The training report: one self-contained HTML file (inline CSS and SVG, no script, nothing fetched: its own
 * Content-Security-Policy forbids it) telling the run's story — the data and its cleaning, the network, the
 * settings, the curves, the evaluation — and where it came from, so that a reader can trust and repeat it.
 */
import { MODEL_VERSION } from '../../engine/model/model-file.ts';
import { evaluationSection } from './report-evaluation.ts';
import { curvesSection, dataSection, facts, networkSection, settingsSection } from './report-sections.ts';
import { REPORT_CSS } from './report-style.ts';
import type { ReportInput } from './report-types.ts';
import { escapeHtml as h } from './svg.ts';

const SECTIONS = [
  ['data', 'Data and cleaning'],
  ['network', 'Network'],
  ['settings', 'Settings'],
  ['curves', 'Curves'],
  ['evaluation', 'Evaluation'],
  ['provenance', 'Provenance'],
] as const;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function provenanceSection(input: ReportInput): string {
  const { file } = input;
  const source = file.provenance.source;
  return `<section id="provenance" aria-labelledby="provenance-title"><h2 id="provenance-title">6. Provenance</h2>
<p class="how">With the same file (same SHA-256), recipe, settings and seed, Layerlab trains bit-identical weights.</p>
${facts([
  ['Training file', h(source.name)],
  ['SHA-256 of its bytes', `<code>${h(source.sha256)}</code>`],
  ['Read as', h([source.format, source.sheet ? `sheet ${source.sheet}` : '', source.delimiter ? `delimiter ${JSON.stringify(source.delimiter)}` : '', source.encoding ?? ''].filter(Boolean).join(', ') || '—')],
  ['Seeds', `training ${file.training.settings.seed}, split ${file.recipe.recipe.split.seed}`],
  ['Trained by', `${h(file.provenance.app.name)} ${h(file.provenance.app.version)}, ${h(file.provenance.created)}`],
  ['Model file format', `layerlab-model ${h(file.version)} (this Layerlab writes ${MODEL_VERSION})`],
  ['Report written by', `${h(input.writer.name)} ${h(input.writer.version)} on ${h(input.writer.runtime)}, ${h(input.created.toISOString())}`],
])}
</section>`;
}

export function reportHtml(input: ReportInput): string {
  const target = input.file.recipe.target;
  const title = `Training report: ${target.column} from ${input.file.provenance.source.name}`;
  const notes = input.notes.map((n) => `<p class="note">${h(n)}</p>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${h(`${input.writer.name} ${input.writer.version}`)}">
<title>${h(title)}</title>
<style>${REPORT_CSS}</style></head>
<body><main>
<header><h1>${h(title)}</h1><p>${h(input.label)} · ${h(input.created.toISOString().slice(0, 10))}</p>
<nav aria-label="Sections"><ol>${SECTIONS.map(([id, name], i) => `<li><a href="#${id}">${i + 1}. ${name}</a></li>`).join('')}</ol></nav></header>
${notes}
${dataSection(input)}
${networkSection(input)}
${settingsSection(input)}
${curvesSection(input)}
${evaluationSection(input)}
${provenanceSection(input)}
</main></body></html>
`;
}
