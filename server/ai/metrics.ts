/** Classification metrics for the model evaluation (npm run ai:eval): pure functions, no model, no I/O. */

export type ClassStats = { precision: number; recall: number; f1: number; support: number; predicted: number };

export type ClassificationReport = {
  n: number;
  accuracy: number;
  /** Mean F1 over the labels that occur in the gold labels (a label nobody carries cannot be recalled). */
  macroF1: number;
  /** Mean recall over the labels that occur in the gold labels (TweetEval's official metric). */
  macroRecall: number;
  perClass: Record<string, ClassStats>;
  /** The label order of `confusion`; labels seen in the data but not given are appended. */
  labels: string[];
  /** confusion[gold][predicted], counts, rows and columns in `labels` order. */
  confusion: number[][];
};

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

export function accuracy(gold: readonly string[], predicted: readonly string[]): number {
  assertSameLength(gold, predicted);
  let right = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) right++;
  return ratio(right, gold.length);
}

/** Counts confusion[gold][predicted] in the given label order, with unknown labels appended in order of appearance. */
export function confusionMatrix(gold: readonly string[], predicted: readonly string[], labels: readonly string[]): { labels: string[]; matrix: number[][] } {
  assertSameLength(gold, predicted);
  const order = [...labels];
  const index = new Map(order.map((l, i) => [l, i]));
  const indexOf = (l: string) => {
    let i = index.get(l);
    if (i === undefined) {
      i = order.length;
      order.push(l);
      index.set(l, i);
    }
    return i;
  };
  const pairs = gold.map((g, i) => [indexOf(g), indexOf(predicted[i]!)] as const);
  const matrix = order.map(() => order.map(() => 0));
  for (const [g, p] of pairs) matrix[g]![p]!++;
  return { labels: order, matrix };
}

/** Accuracy, per-class precision / recall / F1, macro-F1, macro-recall and the confusion matrix. */
export function classificationReport(gold: readonly string[], predicted: readonly string[], labels: readonly string[]): ClassificationReport {
  const { labels: order, matrix } = confusionMatrix(gold, predicted, labels);
  const perClass: Record<string, ClassStats> = {};
  order.forEach((label, i) => {
    const tp = matrix[i]![i]!;
    const support = matrix[i]!.reduce((a, b) => a + b, 0);
    const predictedCount = matrix.reduce((a, row) => a + row[i]!, 0);
    const precision = ratio(tp, predictedCount);
    const recall = ratio(tp, support);
    perClass[label] = { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support, predicted: predictedCount };
  });
  const present = order.filter((l) => perClass[l]!.support > 0);
  const mean = (xs: number[]) => ratio(xs.reduce((a, b) => a + b, 0), xs.length);
  return {
    n: gold.length,
    accuracy: accuracy(gold, predicted),
    macroF1: mean(present.map((l) => perClass[l]!.f1)),
    macroRecall: mean(present.map((l) => perClass[l]!.recall)),
    perClass,
    labels: order,
    confusion: matrix,
  };
}

function assertSameLength(gold: readonly unknown[], predicted: readonly unknown[]) {
  if (gold.length !== predicted.length) throw new RangeError(`gold has ${gold.length} labels but predicted has ${predicted.length}`);
}
