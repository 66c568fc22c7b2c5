/**
 * The fitted preprocessing of `data.fitted` (src/data/preprocess.ts) as graph nodes, so the graph takes raw feature
 * rows and gives predictions in the targets' units, as `nnjson predict` does: (x − featureOffset) / featureScale
 * first and, for an MSE model with normalizeTarget, y · targetScale + targetOffset last. Browser-safe.
 */
import type { Task } from '../../data/dataset';
import { shapeSize } from '../../model/tensor-codec';
import type { Shape } from '../../registry/layer-descriptor';
import type { FittedPreprocessing } from '../../shared/nnjson';
import { ExportError } from '../export-error';
import type { GraphBuilder } from './graph-builder';

const SCOPE = 'data.fitted';

/** [C, H, W] scaling of an image input, [features] of flat rows: it broadcasts over the batch. */
function scalingTensor(graph: GraphBuilder, name: string, values: readonly number[], shape: Shape): string {
  return graph.initializer(`${SCOPE}.${name}`, shape, Float32Array.from(values));
}

/** Length of `values` checked against the `width` values a row has; the message names the fix. */
function checkedLength(values: readonly number[], width: number, name: string, what: string): readonly number[] {
  if (values.length !== width) {
    throw new ExportError(`data.fitted.${name} has ${values.length} values but the model has ${width} ${what}: train the model again on its data`);
  }
  return values;
}

/** The scaled input, or `input` itself when nothing was fitted. */
export function scaledInput(graph: GraphBuilder, fitted: FittedPreprocessing | undefined, inputShape: Shape, input: string): string {
  if (fitted?.featureOffset === undefined || fitted.featureScale === undefined) return input;
  const width = shapeSize(inputShape);
  const offset = scalingTensor(graph, 'featureOffset', checkedLength(fitted.featureOffset, width, 'featureOffset', 'input values'), inputShape);
  const scale = scalingTensor(graph, 'featureScale', checkedLength(fitted.featureScale, width, 'featureScale', 'input values'), inputShape);
  return graph.node(SCOPE, 'Div', [graph.node(SCOPE, 'Sub', [input, offset]), scale]);
}

/** The network's output in the targets' units, or `output` itself when the targets were not scaled. */
export function targetUnits(graph: GraphBuilder, fitted: FittedPreprocessing | undefined, task: Task, outputWidth: number, output: string): string {
  if (task !== 'regression' || fitted?.targetOffset === undefined || fitted.targetScale === undefined) return output;
  const scale = scalingTensor(graph, 'targetScale', checkedLength(fitted.targetScale, outputWidth, 'targetScale', 'outputs'), [outputWidth]);
  const offset = scalingTensor(graph, 'targetOffset', checkedLength(fitted.targetOffset, outputWidth, 'targetOffset', 'outputs'), [outputWidth]);
  return graph.node(SCOPE, 'Add', [graph.node(SCOPE, 'Mul', [output, scale]), offset]);
}
