// Runs the integration tests inside a real VS Code: code-server 4.100.3 (VS Code 1.100.3) driven by headless Chromium.
// Two sessions: the whole suite in a trusted workspace, then the tests tagged @untrusted in a workspace that VS Code
// opens in restricted mode. Expects `npm run build` and `npm run compile-tests` to have run (npm test does both).
// Ends with the line "integration: N passed, N failed"; exits non-zero on failures, a crash or the time limit.
//
// Environment: NN_BUILDER_CACHE (where scripts/install-code-server.sh put code-server),
// NN_BUILDER_INTEGRATION_TIMEOUT_MS (hard limit, default 15 minutes), NN_BUILDER_INTEGRATION_KEEP=1 (keep temp dir),
// NN_BUILDER_INTEGRATION_GREP (only tests whose title matches).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { TEST_SETTINGS, codeServerEntry as findCodeServerEntry, freePort, startCodeServer, stopCodeServer, waitUntilAnswering, writeUserSettings } from './code-server.mjs';
import { prepareIntegrationWorkspace } from './integration-workspace.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const codeServerEntry = findCodeServerEntry();
const testIndex = join(root, 'out', 'test', 'integration', 'index.js');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const timeoutMs = Number(process.env.NN_BUILDER_INTEGRATION_TIMEOUT_MS ?? 15 * 60 * 1000);
const WORKBENCH_CHATTER = /^(Creating a socket|Resolving connection token|Resolved connection token|Creation of workbench contribution|Updating additional builtin extensions cache|\[Service Worker\]|ChatSessionStore)/;

function report(passed, failed, note) {
  if (note) console.log(`integration: ${note}`);
  console.log(`integration: ${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

function newestFiles(dir, suffix) {
  const found = [];
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...newestFiles(path, suffix));
    else if (entry.endsWith(suffix)) found.push(path);
  }
  return found;
}

function printExtensionHostLogTail(userDataDir) {
  for (const file of newestFiles(join(userDataDir, 'logs'), 'exthost.log')) {
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    console.log(`--- last lines of ${file} ---`);
    console.log(lines.slice(-40).join('\n'));
  }
}

async function main() {
  if (!existsSync(testIndex)) {
    report(0, 1, `missing ${testIndex}: run "npm run build && npm run compile-tests" first`);
    return;
  }
  if (!existsSync(join(root, 'dist', 'extension.js'))) {
    report(0, 1, 'missing dist/extension.js: run "npm run build" first');
    return;
  }
  if (!existsSync(codeServerEntry)) {
    console.log('integration: code-server is not installed yet; running scripts/install-code-server.sh');
    const install = spawnSync('bash', [join(root, 'scripts', 'install-code-server.sh')], { stdio: 'inherit' });
    if (install.status !== 0 || !existsSync(codeServerEntry)) {
      report(0, 1, 'could not install code-server (see scripts/install-code-server.sh output above)');
      return;
    }
  }
  if (!existsSync(chromiumPath)) {
    report(0, 1, `no Chromium at ${chromiumPath}: run scripts/setup.sh (apt package "chromium")`);
    return;
  }

  // Two sessions: the suite in a trusted workspace, then the tests tagged @untrusted in a workspace VS Code
  // itself does not trust (restricted mode), where the extension must still work with limited support.
  const sessions = [
    { name: 'trusted', trusted: true },
    { name: 'untrusted', trusted: false },
  ];
  const deadline = Date.now() + timeoutMs;
  let passed = 0;
  let failed = 0;
  const notes = [];
  for (const session of sessions) {
    console.log(`\n--- integration session: ${session.name} workspace ---`);
    const outcome = await runSession(session, deadline);
    passed += outcome.passed;
    failed += outcome.failed;
    if (outcome.note) notes.push(`${session.name}: ${outcome.note}`);
  }
  report(passed, failed, notes.length > 0 ? notes.join('; ') : undefined);
}

/** One code-server + Chromium session running the suite; resolves with its counts. */
async function runSession(session, deadline) {
  const temp = mkdtempSync(join(tmpdir(), 'nn-builder-integration-'));
  const workspace = prepareIntegrationWorkspace(temp);
  const userDataDir = join(temp, 'user-data');
  const extensionsDir = join(temp, 'extensions');
  const resultsFile = join(temp, 'results.json');
  const trustSettings = session.trusted
    ? { 'security.workspace.trust.enabled': false }
    : {
        // Trust on, nothing trusted, and no start-up question: the window opens in restricted mode.
        'security.workspace.trust.enabled': true,
        'security.workspace.trust.startupPrompt': 'never',
        'security.workspace.trust.banner': 'never',
        'security.workspace.trust.untrustedFiles': 'open',
        'security.workspace.trust.emptyWindow': false,
      };
  writeUserSettings(userDataDir, { ...trustSettings, ...TEST_SETTINGS });

  const userGrep = process.env.NN_BUILDER_INTEGRATION_GREP ?? '';
  const codeServer = startCodeServer({
    port: await freePort(),
    userDataDir,
    extensionsDir,
    folder: workspace,
    trustWorkspace: session.trusted,
    cwd: temp,
    detached: true,
    env: {
      ...process.env,
      NN_BUILDER_TEST_RESULTS: resultsFile,
      NN_BUILDER_TEST_SESSION: session.name,
      NN_BUILDER_TEST_GREP: userGrep,
      NN_BUILDER_TEST_WORKSPACE: workspace,
    },
  });
  const { port, origin } = codeServer;
  let browser;
  let finished = false;

  const cleanup = async () => {
    if (browser) await browser.close().catch(() => undefined);
    stopCodeServer(codeServer);
    if (process.env.NN_BUILDER_INTEGRATION_KEEP === '1') console.log(`integration: kept ${temp}`);
    else rmSync(temp, { recursive: true, force: true });
  };

  let exitCode;
  const timer = setTimeout(() => {
    if (!finished) exitCode = 'timeout';
  }, Math.max(1000, deadline - Date.now()));

  try {
    await waitUntilAnswering(codeServer);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const page = await browser.newPage();
    const exited = new Promise((resolve) => {
      page.exposeFunction('codeAutomationExit', (code) => {
        resolve(code);
      });
    });
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      // No internet: the extension gallery look-up always fails; its stack trace is noise, as is start-up chatter.
      if (text.includes('open-vsx.org') || WORKBENCH_CHATTER.test(text)) return;
      process.stdout.write(`${text}\n`);
    });
    const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
    const payload = [
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(testIndex)],
    ];
    const url = `${origin}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url, { timeout: 120_000 });

    exitCode = await Promise.race([
      exited,
      new Promise((resolve) => {
        const poll = setInterval(() => {
          if (exitCode === 'timeout') {
            clearInterval(poll);
            resolve('timeout');
          }
        }, 1000);
        codeServer.exited.then((code) => {
          clearInterval(poll);
          resolve(`code-server exited (${code})`);
        });
      }),
    ]);
  } catch (error) {
    exitCode = `error: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    finished = true;
    clearTimeout(timer);
  }

  let results;
  if (existsSync(resultsFile)) {
    try {
      results = JSON.parse(readFileSync(resultsFile, 'utf8'));
    } catch {
      results = undefined;
    }
  }
  if (typeof exitCode !== 'number' || !results) {
    console.log('--- code-server output (tail) ---');
    console.log(codeServer.outputTail());
    printExtensionHostLogTail(userDataDir);
  }
  await cleanup();

  if (!results) {
    return { passed: 0, failed: 1, note: `ended without results (${exitCode === 'timeout' ? `time limit of ${timeoutMs} ms` : `exit ${exitCode}`})` };
  }
  const notes = [];
  if (exitCode === 'timeout') notes.push(`hit the time limit of ${timeoutMs} ms`);
  if (results.pending > 0) notes.push(`${results.pending} pending test(s) counted as failures`);
  if (results.passes + results.failures === 0 && !userGrep) notes.push('no tests ran');
  const failedCount =
    results.failures + results.pending + (exitCode === 'timeout' ? 1 : 0) +
    (typeof exitCode === 'number' && exitCode !== 0 && results.failures === 0 ? 1 : 0) +
    (results.passes + results.failures === 0 && !userGrep ? 1 : 0);
  return { passed: results.passes, failed: failedCount, note: notes.length > 0 ? notes.join(', ') : undefined };
}

await main();
// Playwright or a stray child handle must not keep the runner alive after the report.
setTimeout(() => process.exit(), 100).unref();
