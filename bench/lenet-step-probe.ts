/**
 * Tuning aid for the two-thread path (not part of `npm run bench`): where a LeNet training step (the lenet-28
 * benchmark's network and batch, trainStep as the training loop calls it) spends its time, layer by layer, on one
 * thread and on two with several worker spin times. Run after `npm run build && npm run compile-tests`:
 *   node out/bench/lenet-step-probe.js [rounds]
 * Each round measures every variant for a few hundred steps, interleaved; the best round of each is printed (the
 * machine may be shared; the best is the least disturbed), then the layer times of that round.
 */
import { CrossEntropy } from '../src/engine/criteria/cross-entropy';
import { createNetwork } from '../src/engine/factory';
import { useKernels } from '../src/engine/kernels';
import type { Module } from '../src/engine/module';
import { SGD } from '../src/engine/optimizers/sgd';
import { Random } from '../src/engine/random';
import type { Tensor } from '../src/engine/tensor';
import { allocateTensor } from '../src/engine/tensor-pool';
import { trainStep } from '../src/engine/train-step';
import { createWasmKernels, type WasmKernels } from '../src/engine/wasm/wasm-kernels';
import { inputShape, resolveLayers } from '../src/model/layer-widths';
import { startGemmThreads } from '../src/node/gemm-threads';
import { readKernelsWasm } from '../src/node/load-kernels-wasm';
import { LENET_CLASSES, LENET_NETWORK } from './lenet-shape';

const STEPS = 300;
const SPIN_MICROSECONDS = [200, 1000, 2000, 5000];

interface Variant {
  name: string;
  kernels: WasmKernels;
}

interface Round {
  samplesPerSecond: number;
  /** Microseconds per step in each layer's forward and backward, by label. */
  layers: Map<string, number>;
}

/** Wraps each module's forward and backward to add its time to `times` (the wrappers stay for the process). */
function timeModules(modules: readonly Module[], times: Map<string, number>): void {
  let depth = 0; // only the outermost call counts: backwardParameters may call backward
  modules.forEach((module, index) => {
    const timed = module as unknown as Record<'forward' | 'backward' | 'backwardParameters', (...args: unknown[]) => unknown>;
    // the first layer's backward is backwardParameters: the training step computes no input gradient
    for (const method of ['forward', 'backward', 'backwardParameters'] as const) {
      const original = timed[method].bind(module);
      const label = `${index} ${module.constructor.name}.${method}`;
      timed[method] = (...args: unknown[]) => {
        const start = performance.now();
        depth++;
        const result = original(...args);
        depth--;
        if (depth === 0) times.set(label, (times.get(label) ?? 0) + performance.now() - start);
        return result;
      };
    }
  });
}

function measure({ kernels }: Variant): Round {
  useKernels(kernels);
  const shape = inputShape(LENET_NETWORK.input);
  const model = createNetwork(resolveLayers(LENET_NETWORK), new Random(1), shape);
  const times = new Map<string, number>();
  timeModules(model.modules, times);
  const data = LENET_NETWORK.data();
  const inputs = shape.reduce((product, dimension) => product * dimension, 1);
  const batch = LENET_NETWORK.batch;
  const batches: { x: Tensor; y: Tensor }[] = [];
  for (let start = 0; start + batch <= data.x.length / inputs; start += batch) {
    const x = allocateTensor(batch, inputs);
    x.data.set(data.x.subarray(start * inputs, (start + batch) * inputs));
    const y = allocateTensor(batch, LENET_CLASSES);
    y.data.set(data.y.subarray(start * LENET_CLASSES, (start + batch) * LENET_CLASSES));
    batches.push({ x, y });
  }
  const criterion = new CrossEntropy();
  const optimizer = new SGD({ lr: LENET_NETWORK.learningRate });
  const step = (i: number): void => void trainStep(model, criterion, optimizer, batches[i % batches.length].x, batches[i % batches.length].y);
  for (let i = 0; i < 20; i++) step(i);
  times.clear();
  const start = performance.now();
  for (let i = 0; i < STEPS; i++) step(i);
  const elapsed = performance.now() - start;
  const layers = new Map([...times].map(([label, total]) => [label, (total / STEPS) * 1000]));
  layers.set('rest of the step', (elapsed / STEPS) * 1000 - [...layers.values()].reduce((a, b) => a + b, 0));
  return { samplesPerSecond: (STEPS * batch) / (elapsed / 1000), layers };
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 5);
  const variants: Variant[] = [{ name: '1 thread', kernels: createWasmKernels(readKernelsWasm(), 'probe-1t') }];
  for (const workerSpinMicroseconds of SPIN_MICROSECONDS) {
    const kernels = createWasmKernels(readKernelsWasm(), `probe-2t-${workerSpinMicroseconds}`);
    startGemmThreads(kernels, { workerSpinMicroseconds });
    variants.push({ name: `2 threads, spin ${workerSpinMicroseconds} µs`, kernels });
  }
  await new Promise((resolve) => setTimeout(resolve, 500)); // let the workers start
  const best = new Map<Variant, Round>();
  for (let round = 0; round < rounds; round++) {
    for (const variant of variants) {
      const result = measure(variant);
      if ((best.get(variant)?.samplesPerSecond ?? 0) < result.samplesPerSecond) best.set(variant, result);
    }
  }
  console.log(['µs per step'.padEnd(28), ...variants.map(({ name }) => name.padStart(24))].join(' '));
  console.log(['samples/s'.padEnd(28), ...variants.map((variant) => best.get(variant)!.samplesPerSecond.toFixed(0).padStart(24))].join(' '));
  for (const label of best.get(variants[0])!.layers.keys()) {
    console.log([label.padEnd(28), ...variants.map((variant) => (best.get(variant)!.layers.get(label) ?? 0).toFixed(1).padStart(24))].join(' '));
  }
  process.exit(0);
}

void main();
