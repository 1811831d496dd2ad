/** The report's one stylesheet, light and dark (the reader's system setting), print-friendly; colours at WCAG AA. */
export const REPORT_CSS = `
:root { color-scheme: light dark; --bg: #f6f7f9; --surface: #ffffff; --text: #1a1f27; --muted: #4d5665; --border: #d5dae1; --grid: #e7eaef;
  --s0: #3f51d8; --s1: #c2610c; --s2: #18847a; --s3: #c4332b; --pos: #3f51d8; --neg: #c2610c; --note-bg: #eef1fd; --heat: 63, 81, 216; --right: 24, 132, 122; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #14171c; --surface: #1b1f26; --text: #e6e9ee; --muted: #a2abb8; --border: #343b47; --grid: #2b313c;
    --s0: #7d8cff; --s1: #f0a35e; --s2: #4fc1b3; --s3: #ff7b72; --pos: #7d8cff; --neg: #f0a35e; --note-bg: #232a3d; --heat: 125, 140, 255; --right: 79, 193, 179; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 24px 20px 48px; }
header h1 { margin: 0 0 4px; font-size: 26px; }
header p { margin: 0; color: var(--muted); }
nav ol { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 16px 0 0; padding: 0; list-style: none; }
nav a { color: var(--s0); }
section { margin-top: 20px; padding: 18px 20px; border: 1px solid var(--border); border-radius: 10px; background: var(--surface); }
h2 { margin: 0 0 12px; font-size: 20px; }
h3 { margin: 18px 0 8px; font-size: 16px; }
.how { color: var(--muted); }
.note { padding: 8px 12px; border-radius: 8px; background: var(--note-bg); }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 8px 20px; margin: 0 0 8px; }
.facts div { display: flex; flex-direction: column; }
dt { color: var(--muted); font-size: 13px; }
dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 14px; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--border); text-align: left; vertical-align: top; }
thead th { color: var(--muted); font-weight: 600; }
.scroll { overflow-x: auto; }
.matrix { width: auto; }
.matrix td { min-width: 44px; text-align: right; font-variant-numeric: tabular-nums; }
.matrix.many td, .matrix.many th { min-width: 0; padding: 2px 4px; font-size: 11px; }
${Array.from({ length: 10 }, (_, i) => `.heat${i} { background: rgba(var(--heat), ${(i * 0.035).toFixed(3)}); } .heat${i}.right { background: rgba(var(--right), ${(0.04 + i * 0.035).toFixed(3)}); }`).join('\n')}
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(400px, 1fr)); gap: 16px; }
svg { display: block; width: 100%; height: auto; }
svg text { fill: var(--muted); font-size: 12px; }
svg .label { fill: var(--text); font-weight: 600; }
svg .faint { font-style: italic; }
svg .grid { stroke: var(--grid); }
svg .axis { stroke: var(--muted); }
svg .ref { stroke: var(--muted); stroke-dasharray: 4 4; }
svg .line { fill: none; stroke-width: 2; }
svg .s0 { stroke: var(--s0); } svg .s1 { stroke: var(--s1); } svg .s2 { stroke: var(--s2); } svg .s3 { stroke: var(--s3); }
svg .bar { fill: var(--s0); } svg .bar.neg { fill: var(--s1); }
svg .whisker { stroke: var(--text); fill: none; }
svg .dot { fill: var(--s0); opacity: 0.6; }
svg .pos { stroke: var(--pos); } svg .neg { stroke: var(--neg); }
svg .neuron { stroke-width: 1.5; fill: var(--surface); stroke: var(--s2); }
svg .neuron.input { stroke: var(--s0); } svg .neuron.output { stroke: var(--s3); }
figure { margin: 0; }
figcaption { color: var(--muted); font-size: 13px; }
.key.pos { color: var(--pos); font-weight: 600; } .key.neg { color: var(--neg); font-weight: 600; }
code { font-size: 13px; overflow-wrap: anywhere; }
@media print { body { background: #fff; } section { break-inside: avoid; } }
`;
