/**
 * `npm run demo`: the classic "ANN in four steps" on the churn sample, headless (for machines without a
 * display), through the same CLI a user or a script would run: look at the data, clean and train the
 * textbook 6-6-1 network, predict a file with the saved model, and export it for TensorFlow.js and Keras.
 * Everything it writes goes to out/demo/.
 */
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runCli } from '../main/cli/run-cli.ts';
import { ROOT, SAMPLES_DIR } from './paths.ts';

// Paths relative to the repository, as a user would type them.
process.chdir(ROOT);
const out = join('out', 'demo');
const churn = join(relative(ROOT, SAMPLES_DIR), 'Churn_Modelling.csv');
const model = join(out, 'churn-model.json');
const io = { stdout: process.stdout, stderr: process.stderr };

const steps: ReadonlyArray<{ readonly title: string; readonly argv: readonly string[] }> = [
  { title: '1. The data: each column’s type, gaps and statistics', argv: ['inspect', churn] },
  {
    title: '2–4. Clean (the suggested recipe), stack Dense 6 → 6 → 1, fit with adam, judge with a confusion matrix',
    argv: ['train', churn, '--target', 'Exited', '--hidden', '6,6', '--out', model],
  },
  { title: 'Predict a file with the saved model (recipe included)', argv: ['predict', model, churn, '--out', join(out, 'predictions.csv')] },
  { title: 'Export for TensorFlow.js', argv: ['export-tfjs', model, join(out, 'tfjs')] },
  { title: 'Export as a Keras script', argv: ['export-keras', model, join(out, 'churn_keras.py')] },
];

mkdirSync(out, { recursive: true });
for (const step of steps) {
  process.stdout.write(`\n── ${step.title}\n$ layerlab ${step.argv.join(' ')}\n\n`);
  const code = await runCli(step.argv, io);
  if (code !== 0) process.exit(code);
}
process.stdout.write(`\nDone: the model, predictions and exports are in ${out}/. Run "npm run web" for the app.\n`);
