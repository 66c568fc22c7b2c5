/**
 * What the builder draws for two-input classifiers: a sample of the data points and the predicted class
 * probabilities over a grid covering them, both in the data's own units. Pure: the network is passed in as a
 * function from normalised input rows to probability rows, so tests need no engine.
 */
import type { DataPoints, DecisionBoundary } from '../shared/training-events';
import { MAX_PREVIEW_POINTS } from '../shared/training-events';
import type { HiddenActivations } from './unit-activations';

/** Two-feature classification rows in the data's own units. */
export interface PlaneData {
  featureNames: [string, string];
  classNames: string[];
  /** x0, x1 per row. */
  x: Float32Array;
  /** Class index per row. */
  label: Float32Array;
  rows: number;
}

export interface PlaneRange {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** Feature scaling the network was trained with: input = (value - offset) / scale. */
export interface FeatureScaling {
  offset: readonly number[];
  scale: readonly number[];
}

/** Rows in, probability rows out: `inputs` is [rows, inputs] row-major (normalised), the result [rows, classes]. */
export type ClassProbabilities = (inputs: Float32Array, rows: number) => Float32Array;

/** The data's bounding box with a margin of 10% on each side (and a unit box around a single point). */
export function planeRange(data: PlaneData): PlaneRange {
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (let r = 0; r < data.rows; r++) {
    const a = data.x[2 * r];
    const b = data.x[2 * r + 1];
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    xMin = Math.min(xMin, a);
    xMax = Math.max(xMax, a);
    yMin = Math.min(yMin, b);
    yMax = Math.max(yMax, b);
  }
  if (xMin > xMax) return { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };
  const padX = xMax > xMin ? (xMax - xMin) * 0.1 : 1;
  const padY = yMax > yMin ? (yMax - yMin) * 0.1 : 1;
  return { xMin: xMin - padX, xMax: xMax + padX, yMin: yMin - padY, yMax: yMax + padY };
}

/** Every k-th row so that at most MAX_PREVIEW_POINTS are sent. */
export function samplePoints(data: PlaneData, limit = MAX_PREVIEW_POINTS): DataPoints {
  const step = Math.max(1, Math.ceil(data.rows / limit));
  const points: DataPoints = { featureNames: data.featureNames, classNames: data.classNames, x: [], y: [], label: [] };
  for (let r = 0; r < data.rows; r += step) {
    points.x.push(data.x[2 * r]);
    points.y.push(data.x[2 * r + 1]);
    points.label.push(data.label[r]);
  }
  return points;
}

/**
 * The cell centres of a resolution × resolution grid over `range`, normalised as training normalised its inputs:
 * [cells, 2] row-major, cell (i, j) at index j * resolution + i.
 */
export function planeGrid(range: PlaneRange, resolution: number, scaling: FeatureScaling | undefined): Float32Array {
  const cells = resolution * resolution;
  const inputs = new Float32Array(cells * 2);
  const along = (min: number, max: number, i: number): number => (resolution === 1 ? (min + max) / 2 : min + ((max - min) * i) / (resolution - 1));
  for (let j = 0; j < resolution; j++) {
    for (let i = 0; i < resolution; i++) {
      const cell = j * resolution + i;
      inputs[2 * cell] = along(range.xMin, range.xMax, i);
      inputs[2 * cell + 1] = along(range.yMin, range.yMax, j);
    }
  }
  if (scaling) {
    for (let cell = 0; cell < cells; cell++) {
      for (let f = 0; f < 2; f++) {
        const scale = scaling.scale[f] || 1;
        inputs[2 * cell + f] = (inputs[2 * cell + f] - (scaling.offset[f] ?? 0)) / scale;
      }
    }
  }
  return inputs;
}

/** `hidden`, when given, adds what every hidden unit computes over the same grid (the neuron pictures). */
export function decisionBoundary(
  range: PlaneRange,
  resolution: number,
  scaling: FeatureScaling | undefined,
  featureNames: [string, string],
  classNames: string[],
  probabilities: ClassProbabilities,
  hidden?: HiddenActivations,
): DecisionBoundary {
  const cells = resolution * resolution;
  const inputs = planeGrid(range, resolution, scaling);
  const output = probabilities(inputs, cells);
  return {
    resolution,
    ...range,
    featureNames,
    classNames,
    // Three decimals are plenty for colour and keep the message small.
    probabilities: Array.from(output, (p) => Math.round(p * 1000) / 1000),
    ...(hidden ? { layers: hidden(inputs, cells) } : {}),
  };
}
