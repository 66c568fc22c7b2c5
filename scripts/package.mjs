// `npm run package`: a production build, then a .vsix with @vscode/vsce holding only what .vscodeignore lets
// through (bundles, media, schemas, package.json, README, LICENSE). Prints the file list and the size.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = join(root, `${name}-${version}.vsix`);

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`package: "${[command, ...args].join(' ')}" failed (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
}

run(process.execPath, ['scripts/build.mjs', '--production']);
// --no-dependencies: everything the extension needs is bundled, node_modules stays out.
// --no-rewrite-relative-links: the README's pictures are relative to the repository, which has no public URL yet.
const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out]);
run(process.execPath, [vsce, 'ls', '--no-dependencies']);
const bytes = statSync(out).size;
console.log(`package: ${out} (${(bytes / 1024 / 1024).toFixed(2)} MB, ${bytes} bytes)`);
// The production build dropped the source maps; rebuild the development bundles so debugging and tests keep them.
run(process.execPath, ['scripts/build.mjs']);
