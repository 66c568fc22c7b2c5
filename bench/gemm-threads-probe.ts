/**
 * Tuning aid for the two-thread GEMM (not part of `npm run bench`): GFLOP/s of one and two threads for products
 * from tiny to large, for several chunk counts, to place DEFAULT_MIN_PARALLEL_FLOPS and DEFAULT_CHUNKS in
 * src/node/gemm-threads.ts. Run after `npm run build && npm run compile-tests`:
 *   node out/bench/gemm-threads-probe.js [rounds]
 * Prints the best of `rounds` short measurements per row (the machine is shared; the best is the least disturbed).
 */
import { startGemmThreads } from '../src/node/gemm-threads';
import { readKernelsWasm } from '../src/node/load-kernels-wasm';
import { createWasmKernels, type WasmKernels } from '../src/engine/wasm/wasm-kernels';

const SHAPES: [number, number, number][] = [
  [32, 32, 32], [64, 64, 64], [128, 64, 64], [128, 128, 64], [128, 128, 128], [128, 256, 128], [128, 784, 256],
  [784, 128, 256], [512, 512, 512],
];

function gflops(kernels: WasmKernels, [m, k, n]: [number, number, number], rounds: number): number {
  const a = kernels.allocate(m * k).fill(0.5);
  const b = kernels.allocate(k * n).fill(0.25);
  const c = kernels.allocate(m * n);
  const flops = 2 * m * k * n;
  const repeats = Math.max(1, Math.round(2e7 / flops));
  kernels.matmul(a, b, c, m, k, n);
  let best = 0;
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    for (let r = 0; r < repeats; r++) kernels.matmul(a, b, c, m, k, n);
    best = Math.max(best, (flops * repeats) / ((performance.now() - start) * 1e6));
  }
  return best;
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 20);
  const single = createWasmKernels(readKernelsWasm(), 'probe-1t');
  const variants: [string, WasmKernels][] = [['1 thread', single]];
  for (const chunks of [2, 4, 8]) {
    const kernels = createWasmKernels(readKernelsWasm(), `probe-2t-${chunks}`);
    startGemmThreads(kernels, { chunks, minParallelFlops: 0, adaptive: false });
    variants.push([`2 threads, ${chunks} chunks`, kernels]);
  }
  await new Promise((resolve) => setTimeout(resolve, 500)); // let the workers start
  console.log(['shape'.padEnd(14), 'MFLOP'.padStart(7), ...variants.map(([name]) => name.padStart(22))].join(' '));
  for (const shape of SHAPES) {
    const cells = variants.map(([, kernels]) => gflops(kernels, shape, rounds).toFixed(1).padStart(22));
    console.log([shape.join('x').padEnd(14), ((2 * shape[0] * shape[1] * shape[2]) / 1e6).toFixed(2).padStart(7), ...cells].join(' '));
  }
  process.exit(0);
}

void main();
