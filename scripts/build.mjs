// One esbuild script for every bundle: extension host, training worker, CLI, webview, benchmark.
// Usage: node scripts/build.mjs [--watch] [--production]
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileKernels } from '../assembly/compile.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

// ES-module entry points first: jsonc-parser's UMD main uses dynamic require('./impl/...') that esbuild
// cannot bundle, so the model reader would fail to load in dist/cli.js, dist/worker.js and dist/extension.js.
const node = { platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'] };
// the builder's page, the ONNX viewer's and the comparison view's, each with its stylesheet and the codicon font beside it
const browser = { platform: 'browser', format: 'iife', target: 'es2022', loader: { '.css': 'css', '.ttf': 'file' } };
const bundles = [
  { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...node, entryPoints: ['src/worker/training-worker.ts'], outfile: 'dist/worker.js' },
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  {
    ...node,
    entryPoints: ['bench/bench.ts'],
    outfile: 'dist/bench.js',
    // tfjs packages are the benchmark's reference implementations, bundled from their ES modules so that
    // tfjs-core, its gradients and both backends share one registry (the CommonJS tfjs-core has no gradients).
    // The WASM backend reads its .wasm files from node_modules at run time (setWasmPaths in bench/mlp-tfjs.ts).
    mainFields: ['module', 'main'],
    // the builder latency probe drives Chromium through playwright-core, loaded from node_modules as it is
    external: ['playwright-core'],
  },
  { ...browser, entryPoints: ['webview/main.ts'], outfile: 'dist/webview.js' },
  { ...browser, entryPoints: ['webview/onnx-view/main.ts'], outfile: 'dist/onnx-view.js' },
  { ...browser, entryPoints: ['webview/compare/main.ts'], outfile: 'dist/compare.js' },
];

// A renamed or deleted entry point fails the build before anything is written: a dist/ without one of its
// bundles would package an extension that cannot start.
const missing = bundles.filter((bundle) => !existsSync(join(root, bundle.entryPoints[0])));
for (const bundle of missing) {
  console.error(`build: ${bundle.entryPoints[0]} does not exist: restore it, or point the ${bundle.outfile} entry in scripts/build.mjs at its new name`);
}
if (missing.length > 0) process.exit(1);

mkdirSync(join(root, 'dist'), { recursive: true });
// The WebAssembly SIMD kernels (assembly/ → dist/kernels.wasm); a failure stops the build.
console.log(`build: ${await compileKernels(root)} compiled from assembly/`);
await writeSchemaFromDescriptors();

const common = {
  absWorkingDir: root,
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
};

/** The schema's layer, loss and optimizer parts come from the descriptors (scripts/schema/write-schema.ts). */
async function writeSchemaFromDescriptors() {
  const script = join(mkdtempSync(join(tmpdir(), 'nn-builder-schema-')), 'write-schema.js');
  await esbuild.build({ ...node, absWorkingDir: root, bundle: true, logLevel: 'warning', entryPoints: ['scripts/schema/write-schema.ts'], outfile: script });
  execFileSync(process.execPath, [script, root], { stdio: 'inherit' });
  rmSync(dirname(script), { recursive: true, force: true });
}

if (watch) {
  for (const bundle of bundles) {
    const context = await esbuild.context({ ...common, ...bundle });
    await context.watch();
  }
  console.log('build: watching for changes');
} else {
  await Promise.all(bundles.map((bundle) => esbuild.build({ ...common, ...bundle })));
  console.log(`build: ${bundles.length} bundles written to dist/`);
}
