/**
 * Finds and reads dist/kernels.wasm in Node (the extension host, the training worker, the CLI, tests, bench).
 * The binary is built by `npm run build`, never committed, and shipped next to the bundles in dist/.
 * The one place of the WASM kernels that touches the file system.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const KERNELS_WASM_FILE = 'kernels.wasm';

/** Where kernels.wasm may be, first match wins. */
export function kernelsWasmCandidates(): string[] {
  return [
    // Bundles (dist/extension.js, dist/worker.js, dist/cli.js, dist/bench.js) sit next to it.
    join(__dirname, KERNELS_WASM_FILE),
    // Tests compiled by tsc run from out/src/node/.
    join(__dirname, '..', '..', '..', 'dist', KERNELS_WASM_FILE),
    // Anything run from the repository root.
    join(process.cwd(), 'dist', KERNELS_WASM_FILE),
  ];
}

/** The bytes of kernels.wasm, or an error that says where it was looked for and how to make it. */
export function readKernelsWasm(): Uint8Array {
  const candidates = kernelsWasmCandidates();
  const found = candidates.find((path) => existsSync(path));
  if (found === undefined) {
    throw new Error(
      `${KERNELS_WASM_FILE} not found (looked in ${candidates.join(', ')}): run \`npm run build\` to compile assembly/`,
    );
  }
  return readFileSync(found);
}
