/**
 * The cleaning recipe's public surface: suggest a recipe for a table, prepare the training, validation and
 * test matrices from it (fitting on training rows only), save and load it, prepare new rows for prediction and
 * turn outputs back into the user's words. Conventions are documented in each file.
 */
export { decodePredictions } from './decode.ts';
export type { DecodedPredictions } from './decode.ts';
export { transformForPrediction } from './predict.ts';
export type { PredictionInput } from './predict.ts';
export { PrepareCache, prepare, preparePreview } from './prepare.ts';
export { fittedRecipeFromJSON, fittedRecipeToJSON, recipeFromJSON, recipeToJSON } from './recipe-json.ts';
export { DATE_PART_LABEL, DATE_PARTS, DEFAULT_DATE_PARTS, datePartName, datePartValue } from './steps/date-parts.ts';
export { describeFilter } from './steps/filter-rows.ts';
export { stepDefinition } from './steps/registry.ts';
export { STEP_KINDS } from './steps/params.ts';
export type * from './steps/params.ts';
export { suggestRecipe } from './suggest.ts';
export type { SuggestOptions } from './suggest.ts';
export { defaultRecipe, suggestTarget, targetCandidates } from './target-choice.ts';
export type { DefaultRecipeOptions, SuggestTargetOptions, TargetCandidate, TargetSuggestion } from './target-choice.ts';
export { detectTask, MAX_CLASSES, MAX_INTEGER_CLASSES } from './target.ts';
export type * from './types.ts';
