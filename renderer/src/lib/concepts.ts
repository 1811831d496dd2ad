/**
 * The one place that holds what the app's terms mean, for someone who has never trained a network: each text is
 * two to four sentences and says why the thing matters, not only what it is. The Concept component shows a term's
 * text one click (or a hover) away from where the term appears; a test checks that every term on screen has one.
 */
import type { ActivationName } from '../../../engine/nn/activations.ts';
import type { StepKind } from '../../../engine/prep/steps/params.ts';

export interface ConceptText {
  /** The term as a heading: "Dropout". */
  readonly term: string;
  readonly text: string;
}

const STEPS = {
  'step-drop-columns': {
    term: 'Drop columns',
    text: 'Removes columns before the network sees them. Identifiers, free text and columns that leak the answer (filled in only after the outcome is known) teach the network nothing that carries over to new rows, and a leak makes test results look far better than real use will be.',
  },
  'step-drop-duplicates': {
    term: 'Drop duplicate rows',
    text: 'Removes rows that repeat an earlier row exactly, before the rows are split. A copy sitting in both the training and the test rows would let the network be tested on a row it has already seen, which flatters the test score.',
  },
  'step-filter-rows': {
    term: 'Row filter',
    text: 'Keeps or removes rows by a rule on one column, such as a range or a list of values. Use it for rows outside what the model is meant for; a new row that such a rule would remove is later refused with the reason rather than predicted.',
  },
  'step-impute': {
    term: 'Fill missing values',
    text: 'A network needs a number in every input, so empty cells are filled, with the median, the mean, the most frequent value or a constant learned from the training rows. An optional "was missing" column keeps the fact that a value was absent, which is sometimes informative in itself.',
  },
  'step-outliers': {
    term: 'Outliers',
    text: 'Values far outside the usual range (by the IQR rule, a z-score or percentiles) are clipped to a bound or their rows removed. A few extreme values can dominate the scaling and the loss, so taming them often helps the network learn the typical rows.',
  },
  'step-invalid-values': {
    term: 'Invalid values',
    text: 'Treats impossible values (a negative age, an unknown code, an infinity) as empty cells, so a later fill step handles them. A network takes every number at face value and cannot tell a placeholder like -999 from a real measurement.',
  },
  'step-encode': {
    term: 'Encode categories',
    text: 'A network multiplies numbers, so text categories become numbers first. One-hot encoding gives each category its own 0/1 column, which implies no order between them; rare categories can be grouped so that a column is not learned from a handful of rows.',
  },
  'step-scale': {
    term: 'Scale numbers',
    text: 'Brings numeric columns to similar ranges, for example mean 0 and standard deviation 1, using statistics of the training rows only. Gradient descent takes steps of one size for every weight, so an input measured in thousands next to one measured in fractions makes training slow and unstable.',
  },
  'step-log-transform': {
    term: 'Log transform',
    text: 'Replaces a value x by sign(x)·ln(1 + |x|), which squeezes long tails: incomes, prices and counts where a few rows are huge. The network then sees the differences that matter (10 against 100) instead of being dominated by the largest values.',
  },
  'step-date-parts': {
    term: 'Date parts',
    text: 'A date is one growing number that means little to a network on its own. Splitting it into year, month and day of the week lets the network find seasons and weekly patterns that repeat.',
  },
  'step-piecewise-linear': {
    term: 'Numbers in pieces',
    text: "Cuts each numeric column at its training rows' quantiles into up to 16 pieces and gives the network one input per piece: full for the pieces below the value, partly full for its own, empty above. The network can then bend its response range by range, as decision trees do, instead of drawing one smooth trend through a column. The network search tries it next to plain scaled numbers.",
  },
} as const satisfies Record<`step-${StepKind}`, ConceptText>;

export const CONCEPTS = {
  layer: {
    term: 'Layer',
    text: 'A layer is a row of neurons that all read the same inputs: the columns of the data, or the outputs of the layer before. Stacking layers lets the network build combinations of combinations, which is how it can learn curved and interacting patterns that one weighted sum cannot.',
  },
  neuron: {
    term: 'Neuron (unit)',
    text: 'A neuron computes a weighted sum of its inputs plus a bias, then passes it through its activation function. The weights are what training learns. More neurons in a layer give the network more patterns it can represent, and more chances to memorise the training rows.',
  },
  activation: {
    term: 'Activation function',
    text: "The function a neuron applies to its weighted sum. Without a bend in it, any stack of layers would collapse into a single weighted sum, so the activation is what lets a deep network learn non-linear patterns. relu, max(0, z), is the usual first choice: cheap, and its gradient does not fade for positive sums.",
  },
  dropout: {
    term: 'Dropout',
    text: "During training, dropout switches off a random share of a layer's outputs at every step (0.2 drops one in five). The network cannot lean on any single neuron, so it learns redundant, more general patterns and overfits less. When predicting, nothing is dropped.",
  },
  'batch-normalization': {
    term: 'Batch normalization',
    text: "Rescales a layer's outputs to mean 0 and spread 1 over each batch, then lets the network learn the scale and shift that suit it. Keeping the numbers in a steady range makes deeper networks train faster and less sensitive to the learning rate; when predicting it uses averages kept during training.",
  },
  weights: {
    term: 'Learned weights',
    text: "Each line joins two neurons and carries a weight: how strongly, and in which direction, the first one's output moves the second one's sum. Positive weights push up, negative ones push down, and thick lines matter most. Training is nothing but adjusting these numbers (and the biases) to lower the loss.",
  },
  loss: {
    term: 'Loss',
    text: 'The loss is one number saying how wrong the predictions are on a batch of rows; training adjusts the weights to make it smaller. It is chosen to suit the task: cross-entropy for classes, squared or absolute error for numbers.',
  },
  'loss-binary-crossentropy': {
    term: 'Binary cross-entropy',
    text: 'For yes/no targets: the average, over the rows, of minus the log of the probability the network gave to the right answer. Being confidently wrong costs a lot (the log of a small probability is very negative), which pushes the network towards honest probabilities rather than only the right side of 0.5.',
  },
  'loss-categorical-crossentropy': {
    term: 'Categorical cross-entropy',
    text: 'For several classes: minus the log of the probability the network gave to the true class, averaged over the rows. The softmax output spreads a probability over every class, and this loss rewards putting more of it on the right one, with a heavy penalty for confident mistakes.',
  },
  'loss-mse': {
    term: 'Mean squared error',
    text: 'For numbers: the average of the squared differences between prediction and truth. Squaring makes large errors weigh much more than small ones, so the network works hardest on its worst predictions; a few extreme rows can dominate it.',
  },
  'loss-mae': {
    term: 'Mean absolute error',
    text: 'For numbers: the average size of the difference between prediction and truth, whatever its sign. Every unit of error counts the same, so extreme rows pull less on the network than with squared error; it aims at the median rather than the mean.',
  },
  'loss-huber': {
    term: 'Huber loss',
    text: 'For numbers: squared error for small differences and absolute error for large ones. It keeps the smooth, precise fit of squared error near the truth while not letting a few outliers dominate training.',
  },
  optimizer: {
    term: 'Optimizer',
    text: 'The rule that turns the gradient (which way each weight should move to lower the loss) into an actual change of the weights, batch after batch. Adam adapts the step of every weight to how steady its gradient has been, which is why it trains well with little tuning; SGD takes plain steps and may need a tuned learning rate.',
  },
  'learning-rate': {
    term: 'Learning rate',
    text: 'How big a step the optimizer takes at each batch. Too large and the loss jumps around or explodes; too small and training crawls or stalls early. 0.001 is a sound default for Adam; when the curves wobble, try a smaller one.',
  },
  'batch-size': {
    term: 'Batch size',
    text: 'The number of rows the network looks at before each update of its weights. Small batches give many quick, noisy updates, which can help it find patterns that generalise; large batches give fewer, steadier updates and use the processor better.',
  },
  epoch: {
    term: 'Epoch',
    text: 'One pass over all the training rows, in batches. Networks need many passes to learn, but too many let them memorise the training rows, which is why the validation loss is watched after every epoch.',
  },
  'validation-rows': {
    term: 'Validation rows',
    text: 'Rows held out of training and checked after every epoch. The network never learns from them, so their loss shows how it does on rows it has not seen; early stopping and the overfitting warning read it. They are separate from the test rows, which stay untouched until the final judgement.',
  },
  'early-stopping': {
    term: 'Early stopping',
    text: 'Training stops when the validation loss has not improved for a number of epochs, and the weights of the best epoch are put back. It saves time and is one of the simplest guards against overfitting: the network is kept at the point where it did best on unseen rows.',
  },
  overfitting: {
    term: 'Overfitting',
    text: 'The network has started to memorise the training rows, noise included, instead of learning what carries over to new rows: the training loss keeps falling while the validation loss rises. Fewer or smaller layers, dropout, more data or stopping earlier all help.',
  },
  'confusion-matrix': {
    term: 'Confusion matrix',
    text: 'A table counting the test rows by true class (rows) and predicted class (columns): the diagonal holds the right answers, every other cell one kind of mistake. It shows what a single accuracy number hides, such as a rare class that is almost never found.',
  },
  accuracy: {
    term: 'Accuracy',
    text: 'The share of rows predicted right. It is easy to read but can flatter a model on unbalanced data: if 95% of rows are "no", always answering "no" scores 95% while finding nothing.',
  },
  precision: {
    term: 'Precision',
    text: 'Of the rows the model predicted as a class, the share that really are. High precision means few false alarms; it matters when acting on a wrong "yes" is costly.',
  },
  recall: {
    term: 'Recall',
    text: 'Of the rows that really are a class, the share the model found. High recall means few misses; it matters when missing a case is costly, like an illness or a fraud.',
  },
  f1: {
    term: 'F1 score',
    text: 'The harmonic mean of precision and recall: high only when both are. It is a single number for comparing models when neither false alarms nor misses can be ignored, and it is not fooled by a large majority class the way accuracy is.',
  },
  roc: {
    term: 'ROC curve',
    text: 'Shows, for every possible threshold, the share of true positives found (recall) against the share of negatives wrongly flagged. A curve hugging the top-left corner separates the classes well; the diagonal is what guessing gives. It lets you pick a threshold with its trade-off in view.',
  },
  auc: {
    term: 'AUC',
    text: 'The area under the ROC curve: the chance that a randomly chosen positive row gets a higher score than a randomly chosen negative one. 0.5 is a coin toss and 1 is perfect separation; unlike accuracy it does not depend on the threshold.',
  },
  threshold: {
    term: 'Decision threshold',
    text: 'A yes/no model gives a probability; the threshold is where that probability becomes a "yes". Lowering it finds more of the positive rows (higher recall) at the price of more false alarms (lower precision). 0.5 is only a default: choose it by what a miss and a false alarm cost.',
  },
  r2: {
    term: 'R² (coefficient of determination)',
    text: 'The share of the variation in the target that the model explains: 1 is perfect, 0 is no better than always predicting the average, and it can go below 0 for a model worse than that. It has no units, so it compares models across targets.',
  },
  mae: {
    term: 'MAE (mean absolute error)',
    text: "The average size of the error, in the target's own units: an MAE of 12,000 on house prices means predictions are typically 12,000 off. It is easy to explain and is not dominated by a few large misses.",
  },
  rmse: {
    term: 'RMSE (root mean squared error)',
    text: "The square root of the mean squared error, in the target's units. Large errors weigh more than in MAE, so an RMSE much larger than the MAE says that a few predictions are far off.",
  },
  'permutation-importance': {
    term: 'Permutation importance',
    text: "Shuffles one column's values among the test rows, which breaks its link with the target while keeping its values realistic, and measures how much the test score drops. A large drop means the model relies on that column; near zero means it does not, or that another column carries the same information. Repeating the shuffle gives the spread.",
  },
  'partial-dependence': {
    term: 'What-if and partial dependence',
    text: "The solid line moves one input of this row across its values and keeps the others fixed, showing how the prediction would change. The dashed line does the same for many test rows and averages them (partial dependence): what the input does in general. Outside the shaded training range the model is guessing.",
  },
  ...STEPS,
} as const satisfies Record<string, ConceptText>;

export type ConceptId = keyof typeof CONCEPTS;

export function stepConcept(kind: StepKind): ConceptId {
  return `step-${kind}`;
}

/** The loss's own concept, from a loss name as the app shows it (`binary_crossentropy`, `mse`, ...). */
export function lossConcept(loss: string | null | undefined): ConceptId {
  if (loss === 'binary_crossentropy') return 'loss-binary-crossentropy';
  if (loss?.endsWith('categorical_crossentropy')) return 'loss-categorical-crossentropy';
  if (loss === 'mse' || loss === 'mae' || loss === 'huber') return `loss-${loss}`;
  return 'loss';
}

/** One line per activation a layer can use, shown under the activation's plot. */
export const ACTIVATION_LINES: Readonly<Record<ActivationName, string>> = {
  relu: 'relu: max(0, z). Passes positive sums on unchanged and silences negative ones.',
  leaky_relu: 'leaky_relu: z for positive sums, 0.2·z for negative ones, so a neuron never goes completely silent.',
  elu: 'elu: z for positive sums, a smooth curve down to −1 for negative ones.',
  selu: 'selu: a scaled elu that keeps layers near mean 0 and spread 1 on its own.',
  gelu: 'gelu: z times the chance that a standard normal value is below z; a smooth relu.',
  swish: 'swish: z·sigmoid(z), a smooth relu that dips slightly below 0.',
  tanh: 'tanh: squeezes any sum into −1 … 1, centred on 0.',
  sigmoid: 'sigmoid: squeezes any sum into 0 … 1, read as a probability at the output.',
  softplus: 'softplus: ln(1 + eᶻ), a smooth relu that is never exactly 0.',
  linear: 'linear: the sum as it is; a layer of these adds no bend.',
  softmax: 'softmax: turns the output sums into probabilities over the classes that add up to 1.',
};
