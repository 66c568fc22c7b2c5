/**
 * Loads the production builder page (webview-html.ts + dist/webview.js/css) in headless Debian Chromium with
 * a stub `acquireVsCodeApi`. Messages from the page go to a real BuilderSession backed by an in-memory
 * document, so intents become text edits exactly as in the extension. Any CSP violation, console error,
 * page error or failed resource is recorded; tests assert there are none.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { BuilderSession, type BuilderHost } from '../../src/builder/builder-session';
import { readCsvPreview } from '../../src/builder/csv-preview';
import { readDataImagePreview } from '../../src/builder/data-image-preview';
import { imageSourcesFor } from '../../src/node/image-sources';
import type { Task } from '../../src/data/dataset';
import type { DataFactsState } from '../../src/shared/data-facts';
import type { DataSpec, NnJsonModel } from '../../src/shared/nnjson';
import type { HeldOutResults } from '../../src/shared/held-out-images';
import { HeldOutFeed } from '../../src/builder/held-out-feed';
import { runHeldOutJob } from '../../src/worker/inference-jobs';
import { DataFactsReader } from '../../src/training/data-facts';
import type { TextEdit } from '../../src/builder/intent-edits';
import { renderBuilderHtml } from '../../src/builder/webview-html';
import type { TrainingEvent } from '../../src/shared/training-events';
import type { CsvPreview, DataImagePreview, DataImagePreviewRequest, DocumentState, FromWebview, ImageSources, ToWebview } from '../../src/shared/webview-protocol';
import { until } from '../shared/until';
import { DARK_THEME, themeCss } from './theme';

const ROOT = process.cwd();
const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.map': 'application/json', '.png': 'image/png',
};

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Serves the builder page at / and the extension's dist/ and media/ folders, like a webview's resource root. */
export class PageServer {
  private server?: Server;
  origin = '';
  nonce = 'TestNonce0123456789abcdefghijklm';

  /** `bundle`: the page's script and style in dist/ (the builder's webview, or the ONNX viewer's onnx-view). */
  constructor(private readonly bundle = 'webview', private readonly title = 'NN Builder: test.nnjson') {}

  async start(): Promise<void> {
    if (!existsSync(join(ROOT, 'dist', `${this.bundle}.js`))) throw new Error(`dist/${this.bundle}.js is missing: run \`npm run build\` first`);
    this.server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', this.origin);
      if (url.pathname === '/favicon.ico') {
        response.writeHead(204);
        response.end();
        return;
      }
      if (url.pathname === '/') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(renderBuilderHtml({
          cspSource: this.origin,
          nonce: this.nonce,
          scriptUri: `${this.origin}/dist/${this.bundle}.js`,
          styleUri: `${this.origin}/dist/${this.bundle}.css`,
          title: this.title,
        }));
        return;
      }
      const relative = normalize(decodeURIComponent(url.pathname)).replace(/^[/\\]+/, '');
      if (!/^(dist|media)[/\\]/.test(relative) || !existsSync(join(ROOT, relative))) {
        response.writeHead(404);
        response.end();
        return;
      }
      response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(relative)] ?? 'application/octet-stream' });
      response.end(readFileSync(join(ROOT, relative)));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface BuilderPageOptions {
  text: string;
  csvFiles?: string[];
  csvPreviews?: Record<string, CsvPreview>;
  runningEvents?: TrainingEvent[];
  viewport?: { width: number; height: number };
  /** The model's file name, as the title shows it. */
  fileName?: string;
  /**
   * The model's folder: CSV paths resolve from it, and previews and data facts are read from its files with the
   * extension's own code (default: the project folder, where only generated sets exist).
   */
  dataDir?: string;
  /** What the host answers when Train asks for the data of a model that has none (the user's choice). */
  trainingData?: DataSpec;
  /**
   * Feed the page the held-out results (confusion matrix, images) of a classifier trained on a file, as the
   * extension does, with the worker's job run in this process on the files of `dataDir`.
   */
  heldOut?: boolean;
}

/** The worker's held-out job, run in this process: what the extension's InferenceRunner.heldOut answers. */
async function heldOutInProcess(model: NnJsonModel, modelDir: string): Promise<HeldOutResults | { error: string }> {
  let answer: HeldOutResults | { error: string } = { error: 'the held-out job posted nothing' };
  try {
    await runHeldOutJob({ kind: 'heldOut', model, modelDir, kernels: 'typescript' }, (message) => {
      if (message.type === 'heldOut') answer = message.results;
    });
  } catch (error) {
    answer = { error: error instanceof Error ? error.message : String(error) };
  }
  return answer;
}

function applyTextEdits(text: string, edits: TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.offset - a.offset)) {
    result = result.slice(0, edit.offset) + edit.content + result.slice(edit.offset + edit.length);
  }
  return result;
}

/**
 * Runs before the page's own scripts: the VS Code API stub (messages go to the test's host), a CSP violation
 * listener, and the theme variables VS Code would provide (as a constructable sheet, which the CSP allows).
 * A string, because it runs in the page, not in Node.
 */
export function stubScript(themeText: string): string {
  return `(() => {
    let state;
    window.acquireVsCodeApi = () => ({
      postMessage: (message) => window.__hostReceive(message),
      getState: () => state,
      setState: (next) => { state = next; },
    });
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__reportViolation(event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') + ' (' + event.sourceFile + ':' + event.lineNumber + ')');
    });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(${JSON.stringify(themeText)});
    document.adoptedStyleSheets = [sheet];
    window.__themeSheet = sheet;
  })();`;
}

/** Switches the page to another theme the way VS Code does: new variables and a new body class. */
export async function switchTheme(page: Page, variables: Record<string, string>, bodyClass: string): Promise<void> {
  await page.evaluate(`(() => {
    window.__themeSheet.replaceSync(${JSON.stringify(themeCss(variables))});
    document.body.className = ${JSON.stringify(bodyClass)};
  })()`);
}

/** Number of painted pixels of a canvas (0 for a blank one), as a page expression. */
export function paintedPixels(selector: string): string {
  return `(() => {
    const canvas = document.querySelector(${JSON.stringify(selector)});
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
    return painted;
  })()`;
}

export class BuilderPage implements BuilderHost {
  text: string;
  version = 1;
  readonly received: FromWebview[] = [];
  readonly errors: string[] = [];
  readonly edits: TextEdit[][] = [];
  /** The text before each applied edit, for `undo`. */
  private readonly undoStack: string[] = [];
  trainRequests = 0;
  stopRequests = 0;
  evaluateRequests = 0;
  predictRequests = 0;
  exportRequests = 0;
  openAsTextRequests = 0;
  trainingDataRequests = 0;
  readonly facts = new DataFactsReader();
  readonly session: BuilderSession;
  private readonly heldOut?: HeldOutFeed;
  private outgoing: Promise<unknown> = Promise.resolve();

  private constructor(readonly page: Page, private readonly options: BuilderPageOptions) {
    this.text = options.text;
    this.session = new BuilderSession(this, options.fileName ?? 'test.nnjson');
    if (options.heldOut) {
      this.heldOut = new HeldOutFeed((model) => heldOutInProcess(model, options.dataDir ?? ROOT), (state) => this.session.notify({ type: 'heldOut', state }));
    }
  }

  static async open(browser: Browser, server: PageServer, options: BuilderPageOptions): Promise<BuilderPage> {
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 900 } });
    const builder = new BuilderPage(page, options);
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) builder.errors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => builder.errors.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) builder.errors.push(`HTTP ${response.status()} for ${response.url()}`);
    });
    page.on('requestfailed', (request) => builder.errors.push(`request failed: ${request.url()}`));
    await page.exposeFunction('__hostReceive', (message: FromWebview) => {
      builder.received.push(message);
      // as the extension does: a reloaded webview gets the held-out results again after the document
      return builder.session.receive(message).then(() => {
        if (message.type === 'ready') builder.heldOut?.resend();
      });
    });
    await page.exposeFunction('__reportViolation', (text: string) => builder.errors.push(`CSP violation: ${text}`));
    await page.addInitScript(stubScript(themeCss(DARK_THEME)));
    await page.goto(`${server.origin}/`);
    builder.session.documentChanged();
    await page.waitForSelector('.app-header .title');
    await builder.waitFor(() => builder.received.some((m) => m.type === 'ready'), 'the ready message');
    await builder.settle();
    return builder;
  }

  // BuilderHost
  post(message: ToWebview): void {
    const script = `window.dispatchEvent(new MessageEvent('message', { data: ${JSON.stringify(message)} }))`;
    this.outgoing = this.outgoing.then(() => this.page.evaluate(script)).catch((error: unknown) => this.errors.push(`post failed: ${String(error)}`));
  }

  current(): { text: string; version: number } {
    return { text: this.text, version: this.version };
  }

  async applyEdits(edits: TextEdit[]): Promise<boolean> {
    this.edits.push(edits);
    this.undoStack.push(this.text);
    this.text = applyTextEdits(this.text, edits);
    this.version += 1;
    this.session.documentChanged();
    return true;
  }

  async readCsvPreview(sourcePath: string): Promise<CsvPreview> {
    const given = this.options.csvPreviews?.[sourcePath];
    if (given) return given;
    if (this.options.dataDir) return readCsvPreview(resolve(this.options.dataDir, sourcePath), sourcePath);
    return { path: sourcePath, columns: [], rows: [], error: `Cannot read ${sourcePath}` };
  }

  /** The preview is read from the model's folder with the extension's own reader. */
  readDataImagePreview(request: DataImagePreviewRequest): Promise<DataImagePreview> {
    return readDataImagePreview(request, { modelDir: this.options.dataDir ?? ROOT });
  }

  /** The image data in the model's folder, found as the extension finds it in the workspace. */
  async listImageSources(): Promise<ImageSources> {
    return this.options.dataDir ? imageSourcesFor(this.options.dataDir, [this.options.dataDir]) : { folders: [], idxFiles: [] };
  }

  dataFacts(data: DataSpec | undefined, task: Task): Promise<DataFactsState> {
    return this.facts.read(data, task, { modelDir: this.options.dataDir ?? ROOT });
  }

  async chooseTrainingData(): Promise<DataSpec | undefined> {
    this.trainingDataRequests += 1;
    return this.options.trainingData;
  }

  async listCsvFiles(): Promise<string[]> {
    return this.options.csvFiles ?? [];
  }

  train(): void {
    this.trainRequests += 1;
  }

  stop(): void {
    this.stopRequests += 1;
  }

  evaluateModel(): void {
    this.evaluateRequests += 1;
  }

  predictOnData(): void {
    this.predictRequests += 1;
  }

  exportModel(): void {
    this.exportRequests += 1;
  }

  openAsText(): void {
    this.openAsTextRequests += 1;
  }

  trainingEvents(): TrainingEvent[] {
    return this.options.runningEvents ?? [];
  }

  stateChanged(state: DocumentState): void {
    this.heldOut?.modelChanged(state.model);
  }

  /** Replaces the document text, as an edit in the text editor or by git would. */
  async setText(text: string): Promise<void> {
    this.text = text;
    this.version += 1;
    this.session.documentChanged();
    await this.settle();
  }

  /**
   * Undoes the builder's last edit as VS Code does on Ctrl+Z: a webview does not handle the key itself, VS Code
   * undoes the document's last edit and the page gets the new text, wherever its focus is.
   */
  async undo(): Promise<void> {
    const before = this.undoStack.pop();
    if (before === undefined) throw new Error('nothing to undo');
    await this.setText(before);
  }

  /** Sends a message from the "extension" to the page. */
  async send(message: ToWebview): Promise<void> {
    this.post(message);
    await this.settle();
  }

  /** Waits until every message in flight both ways has been handled. */
  async settle(): Promise<void> {
    for (let round = 0; round < 3; round++) {
      await this.outgoing;
      await this.page.evaluate('new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))');
      await this.session.whenIdle();
    }
    await this.outgoing;
  }

  /** `what` names the wait in the failure; a function can say what was seen instead. */
  async waitFor(condition: () => boolean, what: string | (() => string), timeoutMs = 10000): Promise<void> {
    await until(condition, (met) => met, what, timeoutMs, 20);
  }

  /** Evaluates a JavaScript expression in the page (a string: test code runs in Node, without DOM types). */
  evaluate<T>(expression: string): Promise<T> {
    return this.page.evaluate(expression) as Promise<T>;
  }

  /**
   * Polls a JavaScript expression in the page until it is truthy. (Playwright's waitForFunction would evaluate
   * the string inside the page, which the page's CSP rightly refuses.)
   */
  async waitForPage(expression: string, timeoutMs = 10000): Promise<void> {
    await until(() => this.evaluate<unknown>(expression), Boolean, `the page: ${expression}`, timeoutMs, 25);
  }

  /** `data-layer-id` of the focused element, or the focused element's id. */
  async focused(): Promise<string | null> {
    return this.evaluate<string | null>('document.activeElement && (document.activeElement.dataset.layerId || document.activeElement.id) || null');
  }

  messagesOf<T extends FromWebview['type']>(type: T): Extract<FromWebview, { type: T }>[] {
    return this.received.filter((message): message is Extract<FromWebview, { type: T }> => message.type === type);
  }

  async close(): Promise<void> {
    if (!this.page.isClosed()) await this.page.close();
  }

  /** Ends a test: lets pending work finish, closes the page, and fails on any error the page reported. */
  async finish(): Promise<void> {
    await this.settle();
    await this.close();
    assert.deepEqual(this.errors, [], 'no CSP violation, console error, page error or failed resource');
  }
}

export interface ServedPages {
  readonly server: PageServer;
  /** The suite's Chromium, inside a test. */
  browser(): Browser;
  /** A new page of the suite's Chromium. */
  newPage(viewport: { width: number; height: number }): Promise<Page>;
}

/**
 * Registers the mocha hooks of a suite of pages that `server` serves: the server and one Chromium for the suite, and
 * every page a test opened closed after it (even when the test failed before closing it). Call it inside `describe`.
 */
export function useServedPages(server: PageServer): ServedPages {
  let started: Browser | undefined;
  before(async () => {
    await server.start();
    started = await launchChromium();
  });
  after(async () => {
    await started?.close();
    await server.stop();
  });
  afterEach(async () => {
    // each page has a context of its own (browser.newPage): closing the contexts closes the pages
    await Promise.all(started?.contexts().map((context) => context.close()) ?? []);
  });
  const browser = (): Browser => {
    if (!started) throw new Error('useServedPages: pages are opened inside a test, after the suite started Chromium');
    return started;
  };
  return { server, browser, newPage: (viewport) => browser().newPage({ viewport }) };
}

/** The hooks of a builder suite (useServedPages on the builder's page), and builder pages opened in its tests. */
export function useBuilderPages(): { open(options: BuilderPageOptions): Promise<BuilderPage> } {
  const pages = useServedPages(new PageServer());
  return {
    open: (options) => BuilderPage.open(pages.browser(), pages.server, options),
  };
}
