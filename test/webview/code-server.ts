/**
 * Starts the real VS Code used by the integration tests (code-server 4.100.3, installed by
 * scripts/install-code-server.sh) with this extension under development, and opens the workbench in Chromium.
 * The server itself is started by scripts/code-server.mjs, which `npm start` and the integration runner share.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './harness';

type CodeServerModule = typeof import('../../scripts/code-server.mjs');
type CodeServer = ReturnType<CodeServerModule['startCodeServer']>;

/**
 * Loaded from the repository root at run time: this file is compiled to out/, where a relative import would not
 * reach scripts/. Node 20.19+ can require() an ES module that has no top-level await.
 */
function codeServerModule(): CodeServerModule {
  return require(join(process.cwd(), 'scripts', 'code-server.mjs')) as CodeServerModule;
}

export class VsCodeSession {
  readonly temp = mkdtempSync(join(tmpdir(), 'nn-builder-e2e-'));
  readonly workspace = join(this.temp, 'workspace');
  private server?: CodeServer;
  private browser?: Browser;
  page?: Page;

  /** Copies examples/`relative` (a data file, say) into the workspace at the same path; returns where it went. */
  copyExample(relative: string): string {
    const target = join(this.workspace, relative);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join('examples', relative), target);
    return target;
  }

  /** code-server with `settings`, the extension at the repository root, and the workbench open on the workspace. */
  async start(settings: Record<string, unknown>): Promise<Page> {
    const codeServer = codeServerModule();
    const entry = codeServer.codeServerEntry();
    if (!existsSync(entry)) {
      throw new Error(`code-server is not installed at ${entry}: run scripts/setup.sh (or scripts/install-code-server.sh)`);
    }
    const userDataDir = join(this.temp, 'user-data');
    mkdirSync(this.workspace, { recursive: true });
    codeServer.writeUserSettings(userDataDir, {
      ...codeServer.TEST_SETTINGS,
      'security.workspace.trust.enabled': false,
      'workbench.tips.enabled': false,
      ...settings,
    });
    this.server = codeServer.startCodeServer({
      port: await codeServer.freePort(),
      userDataDir,
      extensionsDir: join(this.temp, 'extensions'),
      folder: this.workspace,
      trustWorkspace: true,
      cwd: this.temp,
      detached: true,
    });
    await codeServer.waitUntilAnswering(this.server);
    this.browser = await launchChromium();
    this.page = await this.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${this.server.port}${process.cwd()}`]];
    await this.page.goto(`${this.server.origin}/?folder=${encodeURIComponent(this.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`, { timeout: 120_000 });
    await this.page.waitForSelector('.monaco-workbench', { timeout: 120_000 });
    return this.page;
  }

  async stop(): Promise<void> {
    await this.browser?.close().catch(() => undefined);
    if (this.server) codeServerModule().stopCodeServer(this.server);
    rmSync(this.temp, { recursive: true, force: true });
  }
}

/**
 * Registers the hooks of a suite in code-server (call it inside `describe`): a picture of the workbench when a step
 * fails, for the log to point at (`name` names the file), and the session stopped at the end.
 */
export function useVsCodeSession(name: string): VsCodeSession {
  const session = new VsCodeSession();
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session.page) {
      const path = join(tmpdir(), `nn-builder-${name}-failure.png`);
      await session.page.screenshot({ path }).catch(() => undefined);
      console.log(`screenshot of the failure: ${path}`);
    }
  });
  after(async () => {
    await session.stop();
  });
  return session;
}
