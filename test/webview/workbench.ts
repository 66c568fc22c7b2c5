/**
 * Drives the real VS Code workbench (code-server) as a user does: opens files with Quick Open, answers quick inputs
 * and save dialogs by typing, runs commands from the palette, and finds the frames of the extension's webviews.
 */
import type { Frame, Page } from 'playwright-core';
import { until } from '../shared/until';

/** Opens a workspace file by name with Quick Open (Ctrl+P), as a user would. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { timeout: 60_000 });
  await page.keyboard.type(name);
  await until(() => page.locator('.quick-input-list .monaco-list-row').first().textContent().catch(() => ''), (text) => (text ?? '').includes(name), `${name} in Quick Open`, 60_000);
  await page.keyboard.press('Enter');
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

/** The first frame of the page for which `matches` holds, once one does; `what` names the wait in the failure. */
export async function frameWhere(page: Page, matches: (frame: Frame) => Promise<boolean>, what: string): Promise<Frame> {
  const found = await until(async () => {
    // a frame can go away while it is asked (a webview reloads): it is not the one
    for (const frame of page.frames()) if (await matches(frame).catch(() => false)) return frame;
    return undefined;
  }, (frame) => frame !== undefined, what);
  return found!;
}

/** Matches a frame that holds an element matching `selector`. */
export function holding(selector: string): (frame: Frame) => Promise<boolean> {
  return async (frame) => (await frame.$(selector)) !== null;
}

/** The frame of the builder webview, once it shows its layer list. */
export async function builderFrame(page: Page): Promise<Frame> {
  return frameWhere(page, holding('#layer-list'), 'the builder webview');
}
