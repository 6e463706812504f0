import { describe, expect, it } from 'vitest';
import { accuracy, classificationReport, confusionMatrix } from './metrics';

describe('classification metrics', () => {
  // gold a a a b b c / predicted a a b b c c: a row (2,1,0), b row (0,1,1), c row (0,0,1).
  const gold = ['a', 'a', 'a', 'b', 'b', 'c'];
  const predicted = ['a', 'a', 'b', 'b', 'c', 'c'];

  it('counts accuracy and the confusion matrix in the given label order', () => {
    expect(accuracy(gold, predicted)).toBeCloseTo(4 / 6, 10);
    expect(confusionMatrix(gold, predicted, ['c', 'b', 'a'])).toEqual({
      labels: ['c', 'b', 'a'],
      matrix: [
        [1, 0, 0],
        [1, 1, 0],
        [0, 1, 2],
      ],
    });
  });

  it('computes per-class precision, recall and F1, macro-F1 and macro-recall by hand', () => {
    const r = classificationReport(gold, predicted, ['a', 'b', 'c']);
    expect(r.n).toBe(6);
    expect(r.perClass.a).toMatchObject({ precision: 1, support: 3, predicted: 2 });
    expect(r.perClass.a!.recall).toBeCloseTo(2 / 3, 10);
    expect(r.perClass.a!.f1).toBeCloseTo(0.8, 10);
    expect(r.perClass.b).toMatchObject({ precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(r.perClass.c!.precision).toBe(0.5);
    expect(r.perClass.c!.recall).toBe(1);
    expect(r.perClass.c!.f1).toBeCloseTo(2 / 3, 10);
    expect(r.macroF1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 10);
    expect(r.macroRecall).toBeCloseTo(13 / 18, 10);
  });

  it('averages only over labels present in the gold data and appends labels it was not given', () => {
    const r = classificationReport(['x', 'x', 'y'], ['x', 'z', 'y'], ['x', 'y', 'unused']);
    expect(r.labels).toEqual(['x', 'y', 'unused', 'z']);
    expect(r.perClass.unused).toEqual({ precision: 0, recall: 0, f1: 0, support: 0, predicted: 0 });
    expect(r.perClass.z).toMatchObject({ support: 0, predicted: 1, precision: 0 });
    // x: P 1, R 1/2, F1 2/3; y: P 1, R 1, F1 1.
    expect(r.macroF1).toBeCloseTo((2 / 3 + 1) / 2, 10);
    expect(r.macroRecall).toBeCloseTo(0.75, 10);
    expect(r.confusion[0]).toEqual([1, 0, 0, 1]);
  });

  it('handles perfect, empty and mismatched input', () => {
    expect(classificationReport(['a', 'b'], ['a', 'b'], ['a', 'b'])).toMatchObject({ accuracy: 1, macroF1: 1, macroRecall: 1 });
    expect(classificationReport([], [], ['a'])).toMatchObject({ n: 0, accuracy: 0, macroF1: 0, macroRecall: 0 });
    expect(() => accuracy(['a'], [])).toThrow(RangeError);
  });
});
