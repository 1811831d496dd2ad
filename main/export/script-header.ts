/**
 * The opening of an exported Python script (Keras, PyTorch): the shebang, a comment saying which model it comes
 * from (app, source file with its rows and SHA-256, date) and what it predicts, how to run it and what it needs,
 * then the script's docstring.
 */
import type { ModelFile } from '../../engine/model/model-file.ts';
import { pyComment } from './python-literal.ts';

/** `howTo`: the comment's "Run:" and "Needs:" lines; `docstring`: the whole docstring, quotes included. */
export function scriptHeader(file: ModelFile, howTo: readonly string[], docstring: string): string {
  const { recipe, provenance } = file;
  const target = recipe.target;
  const what = target.task === 'regression' ? `"${target.column}" (regression)` : `"${target.column}" (${target.task}: ${target.classLabels!.join(' / ')})`;
  return [
    '#!/usr/bin/env python3',
    pyComment(
      [
        `Exported by ${provenance.app.name} ${provenance.app.version} from a model trained on ${provenance.source.name}`,
        `(${provenance.source.rows} rows, SHA-256 ${provenance.source.sha256}) on ${provenance.created}.`,
        `It predicts ${what} from ${recipe.features.length} features.`,
        '',
        ...howTo,
      ].join('\n'),
    ),
    docstring,
  ].join('\n');
}
