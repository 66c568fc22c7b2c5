/**
 * Starts the real VS Code used by the integration tests (code-server 4.100.3, installed by
 * scripts/install-code-server.sh) with this extension under development, and opens the workbench in Chromium.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './harness';

const CODE_SERVER_ENTRY = join(
  process.env.NN_BUILDER_CACHE ?? join(homedir(), '.cache', 'nn-builder'),
  'code-server-4.100.3', 'node_modules', 'code-server', 'out', 'node', 'entry.js',
);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export class VsCodeSession {
  readonly temp = mkdtempSync(join(tmpdir(), 'nn-builder-e2e-'));
  readonly workspace = join(this.temp, 'workspace');
  private server?: ChildProcess;
  private browser?: Browser;
  page?: Page;
  private readonly serverLog: string[] = [];

  /** code-server with `settings`, the extension at the repository root, and the workbench open on the workspace. */
  async start(settings: Record<string, unknown>): Promise<Page> {
    if (!existsSync(CODE_SERVER_ENTRY)) {
      throw new Error(`code-server is not installed at ${CODE_SERVER_ENTRY}: run scripts/setup.sh (or scripts/install-code-server.sh)`);
    }
    const userData = join(this.temp, 'user-data');
    mkdirSync(join(userData, 'User'), { recursive: true });
    mkdirSync(this.workspace, { recursive: true });
    writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({
      'security.workspace.trust.enabled': false,
      'workbench.startupEditor': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'workbench.enableExperiments': false,
      'git.enabled': false,
      'workbench.tips.enabled': false,
      ...settings,
    }));
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    this.server = spawn(process.execPath, [
      CODE_SERVER_ENTRY, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', userData,
      '--extensions-dir', join(this.temp, 'extensions'), '--disable-telemetry', '--disable-update-check',
      '--disable-workspace-trust', this.workspace,
    ], { cwd: this.temp, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      this.serverLog.push(chunk.toString());
      if (this.serverLog.length > 100) this.serverLog.shift();
    };
    this.server.stdout?.on('data', keep);
    this.server.stderr?.on('data', keep);
    const deadline = Date.now() + 120_000;
    for (;;) {
      try {
        const response = await fetch(`${origin}/healthz`, { redirect: 'manual' });
        if (response.status < 500) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`code-server did not start:\n${this.serverLog.join('')}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    this.browser = await launchChromium();
    this.page = await this.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${process.cwd()}`]];
    await this.page.goto(`${origin}/?folder=${encodeURIComponent(this.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`, { timeout: 120_000 });
    await this.page.waitForSelector('.monaco-workbench', { timeout: 120_000 });
    return this.page;
  }

  async stop(): Promise<void> {
    await this.browser?.close().catch(() => undefined);
    const pid = this.server?.pid;
    if (pid !== undefined && this.server?.exitCode === null) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        this.server?.kill('SIGKILL');
      }
    }
    rmSync(this.temp, { recursive: true, force: true });
  }
}
