/**
 * Drives the real VS Code workbench (code-server) as a user does: waits for what shows, answers quick inputs by
 * typing, runs commands from the palette, and finds the builder's webview frame.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { VsCodeSession } from './code-server';

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

export async function until<T>(read: () => Promise<T> | T, done: (value: T) => boolean, what: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(value)?.slice(0, 300)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until the quick input shows, with a title (or placeholder) that matches. */
async function question(page: Page, title: RegExp): Promise<void> {
  await until(async () => {
    const widget = page.locator('.quick-input-widget');
    if (!(await widget.isVisible())) return '';
    const heading = await widget.locator('.quick-input-title').textContent().catch(() => '');
    const placeholder = await widget.locator('.quick-input-box input').getAttribute('placeholder').catch(() => '');
    return `${heading ?? ''} | ${placeholder ?? ''}`;
  }, (seen) => title.test(seen), `the question ${title}`);
}

/** Waits for the quick input whose title (or placeholder) matches, types `text` into it and accepts. */
export async function answer(page: Page, title: RegExp, text: string | undefined): Promise<void> {
  await question(page, title);
  if (text !== undefined) {
    await page.keyboard.type(text);
    // the items may still be loading (the list can show the last question's rows meanwhile): accept only once the
    // first row is the one asked for
    const first = page.locator('.quick-input-list .monaco-list-row').first();
    await until(() => first.textContent().catch(() => ''), (row) => (row ?? '').toLowerCase().includes(text.toLowerCase()), `a row matching "${text}"`, 30_000);
  }
  await page.keyboard.press('Enter');
}

/**
 * Answers VS Code's save dialog (the quick input code-server shows) whose title matches with `path`. The dialog
 * fills in its suggested path as it opens: type until the box holds the path meant, then accept.
 */
export async function saveAs(page: Page, title: RegExp, path: string): Promise<void> {
  await question(page, title);
  const box = page.locator('.quick-input-widget .quick-input-box input');
  await until(async () => { await box.fill(path); return box.inputValue(); }, (value) => value === path, `the path ${path} typed`);
  await page.keyboard.press('Enter');
}

export async function runCommand(page: Page, name: string): Promise<void> {
  // the extension's commands are listed once VS Code has loaded it: ask again until the first row is the command
  const deadline = Date.now() + 120_000;
  for (;;) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ timeout: 60_000 });
    await input.fill(`>${name}`);
    const first = await until(() => page.locator('.quick-input-list .monaco-list-row').first().textContent().catch(() => ''), (text) => (text ?? '') !== '', 'the command list', 30_000);
    if ((first ?? '').includes(name)) break;
    if (Date.now() > deadline) throw new Error(`the command ${name} is not in the palette (first row: ${first})`);
    await page.keyboard.press('Escape');
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  await page.keyboard.press('Enter');
}

export async function builderFrame(page: Page): Promise<Frame> {
  return until(async () => {
    for (const frame of page.frames()) if (await frame.$('#layer-list').catch(() => null)) return frame;
    return undefined;
  }, (frame) => frame !== undefined, 'the builder webview') as Promise<Frame>;
}
