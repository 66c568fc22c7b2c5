// `npm start`: builds the extension, installs code-server on first use, and opens the extension in a real
// VS Code (code-server on 127.0.0.1) on the examples/ workspace. Prints the address to open; Ctrl-C stops it.
//
// Environment: NN_BUILDER_PORT (default 8080, the next free one when taken), NN_BUILDER_CACHE (code-server and
// this session's VS Code profile live there, outside the repository).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cacheRoot = process.env.NN_BUILDER_CACHE ?? join(homedir(), '.cache', 'nn-builder');
const codeServerEntry = join(cacheRoot, 'code-server-4.100.3', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const profile = join(cacheRoot, 'start-profile');
const userDataDir = join(profile, 'user-data');
const extensionsDir = join(profile, 'extensions');
const workspace = join(root, 'examples');
const packageJson = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(join(root, 'package.json'), 'utf8')));

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`start: "${command} ${args.join(' ')}" failed (exit ${result.status}); see its output above`);
    process.exit(1);
  }
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function choosePort() {
  const wanted = Number(process.env.NN_BUILDER_PORT ?? 8080);
  for (let port = wanted; port < wanted + 50; port++) if (await portIsFree(port)) return port;
  console.error(`start: ports ${wanted}-${wanted + 49} are all taken on 127.0.0.1; set NN_BUILDER_PORT to a free one`);
  process.exit(1);
}

run(process.execPath, ['scripts/build.mjs']);
if (!existsSync(codeServerEntry)) run('bash', ['scripts/install-code-server.sh']);

// The extension is loaded from the repository through a link in a private extensions folder, so a rebuild
// (npm run watch) plus "Developer: Reload Window" picks up changes.
mkdirSync(join(userDataDir, 'User'), { recursive: true });
mkdirSync(extensionsDir, { recursive: true });
const link = join(extensionsDir, `${packageJson.publisher}.${packageJson.name}-${packageJson.version}`);
if (existsSync(link) || (() => { try { return lstatSync(link).isSymbolicLink(); } catch { return false; } })()) rmSync(link, { force: true, recursive: false });
symlinkSync(root, link, 'dir');
const settings = join(userDataDir, 'User', 'settings.json');
if (!existsSync(settings)) {
  writeFileSync(settings, `${JSON.stringify({
    'workbench.startupEditor': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'telemetry.telemetryLevel': 'off',
    // examples/ sits inside this repository; do not offer to open the parent git repository on every start.
    'git.openRepositoryInParentFolders': 'never',
  }, null, 2)}\n`);
}

const port = await choosePort();
const server = spawn(process.execPath, [
  codeServerEntry,
  '--auth', 'none',
  '--bind-addr', `127.0.0.1:${port}`,
  '--user-data-dir', userDataDir,
  '--extensions-dir', extensionsDir,
  '--disable-telemetry',
  '--disable-update-check',
  workspace,
], { stdio: ['ignore', 'pipe', 'pipe'] });

let announced = false;
const announce = (chunk) => {
  const text = chunk.toString();
  if (process.env.NN_BUILDER_VERBOSE === '1') process.stderr.write(text);
  if (!announced && text.includes('HTTP server listening')) {
    announced = true;
    console.log(`\nNN Builder is running in VS Code (code-server 4.100.3) on the examples/ workspace.`);
    console.log(`Open:  http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
    console.log('Stop:  Ctrl-C\n');
  }
};
server.stdout.on('data', announce);
server.stderr.on('data', announce);
server.on('exit', (code) => {
  if (!announced) console.error('start: code-server ended before it was ready; run with NN_BUILDER_VERBOSE=1 to see why');
  process.exit(code ?? 0);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill('SIGTERM'));
