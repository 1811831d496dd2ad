/** The six steps of the app, in order; the sidebar, the menus and the shortcuts all read this list. */
export const STEPS = [
  { id: 'data', label: 'Data', hint: 'Open a table', purpose: 'Open a spreadsheet and look at its columns' },
  { id: 'clean', label: 'Clean', hint: 'Gaps and encodings', purpose: 'Fill gaps, encode categories and scale numbers' },
  { id: 'build', label: 'Build', hint: 'Stack layers', purpose: 'Stack Dense layers into a network' },
  { id: 'train', label: 'Train', hint: 'Fit and watch it learn', purpose: 'Fit the network and watch it learn' },
  { id: 'evaluate', label: 'Evaluate', hint: 'Confusion matrix, ROC', purpose: 'Judge the model with a confusion matrix, ROC and its errors' },
  { id: 'predict', label: 'Predict & export', hint: 'Score rows, export', purpose: 'Score new rows and save the model' },
] as const;

export type StepId = (typeof STEPS)[number]['id'];
