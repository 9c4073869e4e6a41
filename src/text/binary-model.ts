/**
 * A fitted yes/no model of report tagging: logistic regression or boosted trees, told apart by shape,
 * scored the same way (probability of yes, compared with the model's threshold).
 */
import { type BoostedTrees, predictBoostedTrees } from './boosted-trees.ts';
import { type LogisticModel, predictLogistic } from './logistic-model.ts';

export type BinaryModel = LogisticModel | BoostedTrees;

export function isBoostedTrees(model: BinaryModel): model is BoostedTrees {
  return 'trees' in model;
}

/** Probability (0–1) of yes for feature vector `x` (in the model's feature order). */
export function predictBinary(model: BinaryModel, x: ArrayLike<number>): number {
  return isBoostedTrees(model) ? predictBoostedTrees(model, x) : predictLogistic(model, x);
}
