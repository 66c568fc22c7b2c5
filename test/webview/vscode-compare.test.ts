/**
 * End to end in the real VS Code (code-server 4.100.3): two trained iris models selected in the explorer and compared
 * (Compare Selected Models, from the explorer's context menu) show both runs' curves on one chart; a retrained model
 * compared with its committed version (Compare with Committed Version, read through the built-in Git extension).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Frame } from 'playwright-core';
import { until } from '../shared/until';
import { useVsCodeSession } from './code-server';
import { frameWhere, holding } from './workbench';

const CLI = resolve('dist/cli.js');

function train(workspace: string, file: string, epochs: number): void {
  execFileSync(process.execPath, [CLI, 'train', file, '--epochs', String(epochs)], { cwd: workspace, stdio: 'pipe' });
}

async function seriesOf(frame: Frame): Promise<string[]> {
  const text = await frame.locator('#loss-chart').getAttribute('data-series');
  return (JSON.parse(text ?? '[]') as { label: string }[]).map((set) => set.label);
}

describe('comparing models in a real VS Code (code-server)', function () {
  this.timeout(10 * 60_000);
  const session = useVsCodeSession('compare');

  it('compares two models selected in the explorer, and a retrained model with its committed version', async () => {
    const workspace = session.workspace;
    session.copyExample('data/iris.csv');
    const iris = readFileSync(join('examples', 'iris.nnjson'), 'utf8');
    writeFileSync(join(workspace, 'iris-a.nnjson'), iris);
    writeFileSync(join(workspace, 'iris-b.nnjson'), iris.replace('"out": 16', '"out": 24').replace('"in": 16', '"in": 24'));
    train(workspace, 'iris-a.nnjson', 4);
    train(workspace, 'iris-b.nnjson', 6);
    const git = (...args: string[]) => execFileSync('git', ['-C', workspace, ...args], {
      env: { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.com' },
    });
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'two iris models');

    // a single click only selects, as a user selecting two files expects: no builder opens and takes the focus
    const page = await session.start({ 'workbench.list.openMode': 'doubleClick', 'git.enabled': true });
    await page.keyboard.press('Control+Shift+E');
    const row = (name: string) => page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${name}"]`);
    await row('iris-a.nnjson').waitFor({ timeout: 120_000 });
    await until(async () => {
      await row('iris-a.nnjson').click();
      await row('iris-b.nnjson').click({ modifiers: ['Control'] });
      await new Promise((done) => setTimeout(done, 500));
      return [await row('iris-a.nnjson').getAttribute('aria-selected'), await row('iris-b.nnjson').getAttribute('aria-selected')];
    }, (selected) => selected.every((value) => value === 'true'), 'both models selected in the explorer');
    // the extension's menu items join the explorer's menu once VS Code has loaded the extension: ask until they are there
    const item = page.locator('.monaco-menu .action-item', { hasText: 'Compare Selected Models' });
    await until(async () => {
      await row('iris-b.nnjson').click({ button: 'right' });
      const shown = await item.waitFor({ timeout: 3000 }).then(() => true, () => false);
      if (!shown) await page.keyboard.press('Escape');
      return shown;
    }, (shown) => shown, 'Compare Selected Models in the explorer\'s menu');
    await item.click();
    // a menu that VS Code redrew while the click landed stays open: choose the item again
    if (await item.isVisible().catch(() => false)) await item.click().catch(() => undefined);

    // the comparison view's frame, once it has drawn its loss chart
    const frame = await frameWhere(page, holding('#loss-chart[data-series]'), 'the comparison view');
    assert.deepEqual(await seriesOf(frame), ['A: loss', 'A: validation loss', 'B: loss', 'B: validation loss']);
    assert.match(await frame.locator('#loss-chart').getAttribute('aria-label') ?? '', /^Loss of both runs: A 4 epochs, last loss [\d.]+; B 6 epochs, last loss [\d.]+$/);
    assert.equal(await frame.locator('#layers-b li[data-layer-id="fc1"]').getAttribute('data-status'), 'changed');
    // the host's worker computes both models' predictions on the shared data
    const agreement = await until(() => frame.locator('#agreement').textContent().catch(() => null), (text) => text !== null, 'the agreement of the two classifiers');
    assert.match(agreement ?? '', /^The models predict the same class for \d+ of 30 rows \([\d.]+%\)\. Validation split\.$/);
    await until(() => frame.locator('#confusion-a tbody td').count(), (count) => count === 9, 'A\'s confusion matrix');
    await until(() => frame.locator('#confusion-b tbody td').count(), (count) => count === 9, 'B\'s confusion matrix');

    // retrain A, then compare it with the version in HEAD
    train(workspace, 'iris-a.nnjson', 3);
    await row('iris-a.nnjson').dblclick();
    // the tab of the model itself (the comparison's tab names it too)
    await page.locator('.tabs-container .tab.active[aria-label^="iris-a.nnjson"]').waitFor({ timeout: 60_000 }).catch(async (error: Error) => {
      const tabs = await page.locator('.tabs-container .tab').evaluateAll((all) => all.map((tab) => `${tab.className}=${tab.getAttribute('aria-label')}`));
      throw new Error(`${error.message}; tabs: ${tabs.join(' | ')}`);
    });
    // the editor title's button, as a user clicks it
    await page.locator('.editor-actions .action-label[aria-label="Compare with Committed Version"]').click({ timeout: 60_000 });
    // asked of each frame as it is now (a locator's textContent would wait 30 s in every frame without a title)
    const headFrame = await frameWhere(page, holding('h1.title:has-text("(HEAD)")'), 'the comparison with HEAD').catch(async (error: Error) => {
      // say what VS Code said instead (a message of the command)
      const notes = await page.locator('.notifications-toasts').allTextContents().catch(() => []);
      throw new Error(`${error.message}; notifications: ${notes.join(' | ')}`);
    });
    assert.equal(await headFrame.locator('h1.title').textContent(), 'Compare iris-a.nnjson (HEAD) ↔ iris-a.nnjson (working copy)');
    await until(() => headFrame.locator('#loss-chart').getAttribute('aria-label'), (label) => /A 4 epochs.*B 7 epochs/.test(label ?? ''), 'the curves of the committed run and the retrained one');
    assert.equal(await headFrame.locator('#layers-a li[data-status="same"]').count(), 4);
    assert.ok(await headFrame.locator('#tensor-changes tr[data-relative]').count() === 4, 'every tensor of the retrained model moved');
  });
});
