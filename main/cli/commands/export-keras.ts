import { saveKerasScript } from '../../export/keras-script.ts';
import { scriptExportCommand } from '../script-export.ts';

const USAGE = `usage: layerlab export-keras <model.json> <file.py> [--json]
  Writes a Python script that reproduces the model's cleaning recipe (its fitted constants written in) and
  network with Keras, and trains and evaluates it: python3 <file.py> <data file>.
  Needs pandas, numpy, scikit-learn and Keras 3.`;

export const exportKerasCommand = scriptExportCommand({ usage: USAGE, save: saveKerasScript, runLine: (script, data) => `python3 ${script} ${data}` });
