/**
 * Messages between the extension host and the comparison view (dist/compare.js): the two models, and what their
 * predictions on the same data give once the host has computed them. Types only.
 */
import type { NnJsonModel } from './nnjson';
import type { ConfusionMatrix } from './training-events';

export interface ComparedModel {
  /** How the view names it: the file name, or "model.nnjson (HEAD)". */
  label: string;
  model: NnJsonModel;
}

/** Two classifiers' predictions on the same rows of the same data. */
export interface PredictionAgreement {
  confusionA: ConfusionMatrix;
  confusionB: ConfusionMatrix;
  /** Rows both predicted the same class for, of `rows`. */
  agreeing: number;
  rows: number;
}

export type PredictionComparison =
  | { status: 'none'; reason: string }
  | { status: 'computing' }
  | { status: 'ready'; agreement: PredictionAgreement }
  | { status: 'failed'; message: string };

export type ToCompareView =
  | { type: 'models'; a: ComparedModel; b: ComparedModel }
  | { type: 'predictions'; state: PredictionComparison };

export type FromCompareView = { type: 'ready' };
