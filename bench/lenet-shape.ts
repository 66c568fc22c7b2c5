/** The LeNet benchmark: LeNet-5 on 1×28×28 inputs (MNIST-shaped), batch 64, plain SGD, on random data. */
import type { LayerSpec } from '../src/shared/nnjson';
import { randomClassData, type TrainingBench } from './random-data';

export const LENET_BENCH = 'lenet-28';
export const LENET_INPUT = [1, 28, 28] as const;
export const LENET_CLASSES = 10;
export const LENET_BATCH = 64;
export const LENET_LEARNING_RATE = 0.01;
/** Rows of random data cycled through in batches. */
export const LENET_ROWS = LENET_BATCH * 8;

/** Conv(1→6, 5) → ReLU → MaxPool(2) → Conv(6→16, 5) → ReLU → MaxPool(2) → Flatten → 256-120-84-10 → SoftMax. */
export const LENET_LAYERS: LayerSpec[] = [
  { type: 'Conv2D', id: 'conv1', outChannels: 6, kernelSize: 5 },
  { type: 'ReLU', id: 'relu1' },
  { type: 'MaxPool2D', id: 'pool1', kernelSize: 2 },
  { type: 'Conv2D', id: 'conv2', outChannels: 16, kernelSize: 5 },
  { type: 'ReLU', id: 'relu2' },
  { type: 'MaxPool2D', id: 'pool2', kernelSize: 2 },
  { type: 'Flatten', id: 'flatten' },
  { type: 'Linear', id: 'fc1', out: 120 },
  { type: 'ReLU', id: 'relu3' },
  { type: 'Linear', id: 'fc2', out: 84 },
  { type: 'ReLU', id: 'relu4' },
  { type: 'Linear', id: 'fc3', out: LENET_CLASSES },
  { type: 'SoftMax', id: 'softmax' },
];

export const LENET_NETWORK: TrainingBench = {
  bench: LENET_BENCH,
  input: { shape: [...LENET_INPUT] },
  layers: LENET_LAYERS,
  batch: LENET_BATCH,
  learningRate: LENET_LEARNING_RATE,
  data: () => randomClassData(LENET_ROWS, LENET_INPUT[0] * LENET_INPUT[1] * LENET_INPUT[2], LENET_CLASSES),
};
