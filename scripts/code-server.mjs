// Starting and stopping the real VS Code (code-server 4.100.3, installed by scripts/install-code-server.sh) that
// `npm start`, the integration runner (scripts/run-integration.mjs) and the webview e2e test
// (test/webview/code-server.ts, typed by code-server.d.mts) all run the extension in.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';

/** Settings that keep a VS Code profile from reaching for the network or opening a welcome page. */
export const QUIET_SETTINGS = Object.freeze({
  'workbench.startupEditor': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
});

/** QUIET_SETTINGS plus what a test session also switches off (updates, experiments, the git extension). */
export const TEST_SETTINGS = Object.freeze({
  ...QUIET_SETTINGS,
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'git.enabled': false,
});

/** Where scripts/install-code-server.sh puts code-server's entry script (NN_BUILDER_CACHE or ~/.cache/nn-builder). */
export function codeServerEntry() {
  const cacheRoot = process.env.NN_BUILDER_CACHE ?? join(homedir(), '.cache', 'nn-builder');
  return join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** Writes `settings` as the profile's User/settings.json, creating the folders. */
export function writeUserSettings(userDataDir, settings) {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
}

function listen(port) {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address();
      server.close(() => resolve(bound));
    });
  });
}

/**
 * A free TCP port on 127.0.0.1: any one the system hands out, or with `wanted` the first free one of
 * wanted..wanted+49 (undefined when all of those are taken).
 */
export async function freePort(wanted) {
  if (wanted === undefined) return listen(0);
  for (let port = wanted; port < wanted + 50; port++) {
    try {
      return await listen(port);
    } catch {
      // taken: try the next one
    }
  }
  return undefined;
}

/**
 * Spawns code-server on 127.0.0.1:`port` with no authentication, opening `folder`. `detached` puts it in its own
 * process group so stopCodeServer can end its children too. The last lines of its output are kept for error reports.
 */
export function startCodeServer({ port, userDataDir, extensionsDir, folder, trustWorkspace = false, cwd, env, detached = false, onOutput }) {
  mkdirSync(extensionsDir, { recursive: true });
  const child = spawn(process.execPath, [
    codeServerEntry(),
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    ...(trustWorkspace ? ['--disable-workspace-trust'] : []),
    folder,
  ], { cwd, env, detached, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  const keep = (chunk) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
    onOutput?.(chunk.toString());
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    process: child,
    port,
    detached,
    origin: `http://127.0.0.1:${port}`,
    exited,
    outputTail: (lines = 40) => output.join('').split('\n').slice(-lines).join('\n'),
  };
}

/** Resolves once the server answers /healthz; rejects (with its output) when it exits first or `timeoutMs` passes. */
export async function waitUntilAnswering(server, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  let exitCode;
  server.exited.then((code) => {
    exitCode = code ?? 'signal';
  });
  while (Date.now() < deadline && exitCode === undefined) {
    try {
      const response = await fetch(`${server.origin}/healthz`, { redirect: 'manual' });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const why = exitCode === undefined ? `did not answer on ${server.origin} within ${timeoutMs} ms` : `exited (${exitCode}) before answering`;
  throw new Error(`code-server ${why}; its last output:\n${server.outputTail()}`);
}

/** Kills the server (its whole process group when started detached) if it is still running. */
export function stopCodeServer(server) {
  const child = server.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (server.detached && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}
