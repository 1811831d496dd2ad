/**
 * Rows the model cannot use, flagged as Layerlab flags them. Each rule is a per-row condition with the reason
 * Layerlab gives; rules are kept in the order Layerlab meets them (steps in execution order, then the gaps left
 * in the features), and a row's reason is its first rule that holds, as `layerlab predict` reports the first
 * step that refused a row. Reasons travel as int64 codes and become text once, at the end: a Where over
 * strings copies every row's string, which on a wide table cost most of the graph's time.
 */
import { ML_DOMAIN, type GraphBuilder } from './graph-builder.ts';
import { ints, strings, text } from './onnx-proto.ts';
import { greater, where } from './ops.ts';

interface Rule {
  readonly condition: string;
  /** An int64 scalar (one reason) or [N, 1] tensor (a reason that depends on the row): codes from `code`. */
  readonly code: string;
}

export class Rejections {
  private readonly rules: Rule[] = [];
  /** Code 0 is "usable", the empty text. */
  private readonly texts: string[] = [''];

  constructor(private readonly g: GraphBuilder) {}

  /** The number standing for a reason; `text` starts with the column in quotes: `"Age" is empty, ...`. */
  index(text: string): number {
    const index = this.texts.indexOf(text);
    return index >= 0 ? index : this.texts.push(text) - 1;
  }

  /** The reason's number as an int64 scalar tensor. */
  code(text: string): string {
    return this.g.int64(this.index(text));
  }

  add(condition: string, reason: string): void {
    this.rules.push({ condition, code: this.code(reason) });
  }

  /** A rule whose reason depends on the row: `code` is an int64 [N, 1] tensor of codes from `code()`. */
  addComputed(condition: string, code: string): void {
    this.rules.push({ condition, code });
  }

  /** The reason per row ('' for a usable row, string [N, 1]) and whether the row is refused (bool [N, 1]). */
  finish(): { reason: string; refused: string } {
    const { g } = this;
    if (this.rules.length === 0) throw new Error('Rejections.finish: no rules (the gap check always adds one per feature)');
    let code = g.int64(0);
    for (let i = this.rules.length - 1; i >= 0; i--) code = where(g, this.rules[i]!.condition, this.rules[i]!.code, code, 'prediction_error/code');
    const reason = g.op(
      'LabelEncoder',
      [code],
      { keys_int64s: ints(this.texts.map((_, i) => i)), values_strings: strings(this.texts), default_string: text('') },
      { domain: ML_DOMAIN, hint: 'prediction_error/text' },
    );
    return { reason, refused: greater(g, code, g.int64(0)) };
  }
}
