import * as assert from 'node:assert/strict';
import type { Dataset } from '../../../src/data/dataset';
import { heldOutImages, imageShapeOf, MISCLASSIFIED_IMAGES, PICKABLE_IMAGES } from '../../../src/insight/held-out-images';
import type { NnJsonModel } from '../../../src/shared/nnjson';

/** `rows` 1×2×2 images whose pixels say their row (row r is r, r + 0.25, r + 0.5, r + 0.75), of class r mod 3. */
function images(rows: number): Dataset {
  return {
    task: 'classification', rows, cols: 4, targetCols: 1,
    x: Float32Array.from({ length: rows * 4 }, (_, i) => Math.floor(i / 4) + (i % 4) / 4),
    y: Float32Array.from({ length: rows }, (_, r) => r % 3),
    featureNames: [], targetNames: ['shape'], classNames: ['circle', 'square', 'cross'],
  };
}

/** Outputs that predict `predicted[i]` for held-out row i. */
function outputsFor(predicted: number[]): Float32Array {
  const outputs = new Float32Array(predicted.length * 3);
  predicted.forEach((c, i) => { outputs[i * 3 + c] = 0.9; });
  return outputs;
}

describe('held-out images', () => {
  it('gives the first held-out images with their labels and the misclassified ones with the predicted class, before scaling', () => {
    const raw = images(10);
    const indices = Uint32Array.from([7, 2, 9, 4]);
    // row 7 (square) right, row 2 (cross) as circle, row 9 (circle) right, row 4 (square) as cross
    const result = heldOutImages(raw, indices, 'validation', outputsFor([1, 0, 0, 2]), raw.classNames!, [1, 2, 2]);
    assert.deepEqual(result.samples.map((sample) => [sample.row, sample.label]), [[7, 'square'], [2, 'cross'], [9, 'circle'], [4, 'square']]);
    assert.deepEqual(result.samples[0].pixels, [7, 7.25, 7.5, 7.75]);
    assert.deepEqual(result.misclassified, [
      { row: 2, label: 'cross', predicted: 'circle', pixels: [2, 2.25, 2.5, 2.75] },
      { row: 4, label: 'square', predicted: 'cross', pixels: [4, 4.25, 4.5, 4.75] },
    ]);
    assert.deepEqual([result.split, result.shape, result.heldOut, result.wrong], ['validation', [1, 2, 2], 4, 2]);
  });

  it('sends at most a pickable row and a grid of misclassified images, and counts all of them', () => {
    const raw = images(200);
    const indices = Uint32Array.from({ length: 200 }, (_, i) => i);
    // every row predicted as class 0: rows of class 1 and 2 are wrong
    const result = heldOutImages(raw, indices, 'all', outputsFor(Array.from({ length: 200 }, () => 0)), raw.classNames!, [1, 2, 2]);
    assert.equal(result.samples.length, PICKABLE_IMAGES);
    assert.equal(result.misclassified.length, MISCLASSIFIED_IMAGES);
    assert.equal(result.wrong, 200 - 67);
    assert.deepEqual(result.misclassified.slice(0, 3).map((image) => image.row), [1, 2, 4]);
  });

  it('treats the data as images of input.shape only when each row holds C·H·W values', () => {
    const model = { input: { shape: [1, 2, 2] } } as NnJsonModel;
    assert.deepEqual(imageShapeOf(model, images(3)), [1, 2, 2]);
    assert.equal(imageShapeOf({ input: { shape: [1, 3, 3] } } as NnJsonModel, images(3)), undefined);
    assert.equal(imageShapeOf({ input: { size: 4 } } as NnJsonModel, images(3)), undefined);
  });
});
