import { TRAIN_FOLD_CHOICES } from '../api/calls/validation-calls.ts';

/** What the app's search says to its user: what happened, why, what to do (the CLI's words where they overlap). */
export const appSearchMessages = {
  budgetNotPositive: (budget: number): string =>
    `The search needs a time budget above 0 seconds, got ${budget}: choose a budget (60 s is a good start).`,
  unknownSearch: 'This search is no longer known (the app was restarted). Start the search again.',
  unknownTrial: (trial: number): string => `Trial ${trial} has not finished (or did not train), so there is no network to use. Pick a row of the leaderboard.`,
  released: "This search's workers were let go when a newer search started, so its networks can no longer be scored. Use a network of the latest search, or run this one again.",
  failed: (error: unknown): string => `The search failed unexpectedly: ${error instanceof Error ? error.message : String(error)}. Try again.`,
  /**
   * The engine's refusal of the folds says what the table lacks; its advice names folds to choose, which the app's
   * search does not offer. The app's search chooses its own folds, which take any class however rare, so what is
   * refused is a table with too few rows overall.
   */
  foldsRefused: (message: string): string =>
    `${message.replace(/ Use (--folds|fewer folds).*$/s, '')} The search scores every network on these folds: add rows to the table, or train one network in the Train step instead.`,
  validation: (folds: number, rows: number): string =>
    folds > 1 ? `${folds}-fold cross-validation on the ${rows.toLocaleString('en')} non-test rows` : `one hold-out part of the ${rows.toLocaleString('en')} non-test rows`,
} as const;

/** A message the search shares with the CLI, with its command-line flags said as the app's choices. */
export function inAppWords(message: string): string {
  return message.replace(/--folds (\d+)/g, '$1 folds').replace(/--budget-seconds (\d+)/g, 'a budget of $1 s').replace(/--trials (\d+)/g, '$1 trials');
}

/** The engine's advice on K folds a table cannot fill, in the CLI's words: `Use fewer folds (--folds 4 or less)`, `Use --folds 2 or fewer`. */
const FOLDS_ADVICE = / Use (?:fewer folds \()?--folds (\d+) or (?:less|fewer)\)?/;

/**
 * The Train step's cross-validation refused: its advice names a choice the Train form offers (the most folds
 * that fit, or none), never a K the form does not have.
 */
export function trainFoldsInAppWords(message: string): string {
  const smallest = Math.min(...TRAIN_FOLD_CHOICES);
  return inAppWords(
    message.replace(FOLDS_ADVICE, (_, most: string) => {
      const fits = Math.max(...TRAIN_FOLD_CHOICES.filter((k) => k <= Number(most)));
      if (fits < smallest) return ' Choose "none" for K-fold cross-validation';
      return ` Choose ${fits} folds${fits > smallest ? ' or fewer' : ''} for K-fold cross-validation`;
    }),
  );
}
