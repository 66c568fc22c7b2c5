import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type Tf = typeof import('@tensorflow/tfjs-core');

/** tfjs-core on the WebAssembly backend, reading its .wasm files from the package in node_modules. */
export async function tfjsOnWasm(): Promise<Tf> {
  const core: Tf = await import('@tensorflow/tfjs-core');
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const packageJson = createRequire(__filename).resolve('@tensorflow/tfjs-backend-wasm/package.json');
  wasm.setWasmPaths(join(dirname(packageJson), 'dist', '/'));
  await core.setBackend('wasm');
  await core.ready();
  return core;
}
