// `npm start`: builds the extension, installs code-server on first use, and opens the extension in a real
// VS Code (code-server on 127.0.0.1) on the examples/ workspace. Prints the address to open; Ctrl-C stops it.
//
// Environment: NN_BUILDER_PORT (default 8080, the next free one when taken), NN_BUILDER_CACHE (code-server and
// this session's VS Code profile live there, outside the repository).
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_SERVER_VERSION, QUIET_SETTINGS, codeServerEntry, freePort, startCodeServer, waitUntilAnswering, writeUserSettings } from './code-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cacheRoot = process.env.NN_BUILDER_CACHE ?? join(homedir(), '.cache', 'nn-builder');
const profile = join(cacheRoot, 'start-profile');
const userDataDir = join(profile, 'user-data');
const extensionsDir = join(profile, 'extensions');
const workspace = join(root, 'examples');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`start: "${command} ${args.join(' ')}" failed (exit ${result.status}); see its output above`);
    process.exit(1);
  }
}

async function choosePort() {
  const wanted = Number(process.env.NN_BUILDER_PORT ?? 8080);
  const port = await freePort(wanted);
  if (port !== undefined) return port;
  console.error(`start: ports ${wanted}-${wanted + 49} are all taken on 127.0.0.1; set NN_BUILDER_PORT to a free one`);
  process.exit(1);
}

run(process.execPath, ['scripts/build.mjs']);
if (!existsSync(codeServerEntry())) run('bash', ['scripts/install-code-server.sh']);

// The extension is loaded from the repository through a link in a private extensions folder, so a rebuild
// (npm run watch) plus "Developer: Reload Window" picks up changes.
mkdirSync(extensionsDir, { recursive: true });
const link = join(extensionsDir, `${packageJson.publisher}.${packageJson.name}-${packageJson.version}`);
if (existsSync(link) || (() => { try { return lstatSync(link).isSymbolicLink(); } catch { return false; } })()) rmSync(link, { force: true, recursive: false });
symlinkSync(root, link, 'dir');
// Written once: changes made in this profile's settings survive the next start.
if (!existsSync(join(userDataDir, 'User', 'settings.json'))) {
  writeUserSettings(userDataDir, {
    ...QUIET_SETTINGS,
    // examples/ sits inside this repository; do not offer to open the parent git repository on every start.
    'git.openRepositoryInParentFolders': 'never',
  });
}

const server = startCodeServer({
  port: await choosePort(),
  userDataDir,
  extensionsDir,
  folder: workspace,
  onOutput: (text) => {
    if (process.env.NN_BUILDER_VERBOSE === '1') process.stderr.write(text);
  },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.process.kill('SIGTERM'));
let ready = false;
server.exited.then((code) => {
  if (!ready) console.error(`start: code-server ended (exit ${code}) before it was ready; its last output:\n${server.outputTail()}`);
  process.exit(code ?? 0);
});
try {
  await waitUntilAnswering(server);
  ready = true;
} catch (error) {
  console.error(`start: ${error instanceof Error ? error.message : String(error)}`);
  server.process.kill('SIGTERM');
  process.exit(1);
}
console.log(`\nNN Builder is running in VS Code (code-server ${CODE_SERVER_VERSION}) on the examples/ workspace.`);
console.log(`Open:  ${server.origin}/?folder=${encodeURIComponent(workspace)}`);
console.log('Stop:  Ctrl-C\n');
