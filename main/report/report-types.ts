/** Everything a training report shows, gathered once (report-input.ts) and drawn as HTML (report-html.ts). */
import type { ImportanceResult } from '../../engine/insight/importance.ts';
import type { NetworkPicture } from '../../engine/insight/network-picture.ts';
import type { ClassificationReport, RegressionReport } from '../../engine/metrics/index.ts';
import type { ModelFile } from '../../engine/model/model-file.ts';
import type { StepReport } from '../../engine/prep/types.ts';

export interface ReportEvaluation {
  readonly report: ClassificationReport | RegressionReport;
  /** Where the rows came from, in words: "the 178 test rows of titanic.csv". */
  readonly rows: string;
  /** Regression: (actual, predicted) pairs, an even sample. */
  readonly points: readonly (readonly [number, number])[] | null;
}

export interface ReportInput {
  readonly file: ModelFile;
  /** The model's name in the app ("Run 2 · 32-16-1 · adam") or its file name. */
  readonly label: string;
  /** What each recipe step did to the training file's rows; null when that file was not at hand. */
  readonly steps: readonly StepReport[] | null;
  readonly evaluation: ReportEvaluation | null;
  readonly importance: (ImportanceResult & { readonly rowsText: string }) | null;
  readonly picture: NetworkPicture;
  /** Binary: the decision threshold the numbers use. */
  readonly threshold: number | null;
  /** The app writing the report and what it runs on. */
  readonly writer: { readonly name: string; readonly version: string; readonly runtime: string };
  readonly created: Date;
  /** What could not be shown, and why. */
  readonly notes: readonly string[];
}
