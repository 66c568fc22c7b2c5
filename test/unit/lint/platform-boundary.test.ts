/**
 * The platform boundary that `npm run lint` enforces (eslint.config.mjs and tsconfig.core.json): a deliberately
 * wrong import in each side's folder is an error, and the same import where it belongs is not.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const root = process.cwd();
const eslint = new ESLint({ cwd: root });

/** The messages of the import rule for `code` as if it were the file at `path` (relative to the repository). */
async function importErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return result.messages.map((message) => `${message.ruleId}: ${message.message}`);
}

const everywhereFolders: string[] = JSON.parse(readFileSync(join(root, 'tsconfig.core.json'), 'utf8'))
  .include.filter((pattern: string) => pattern.startsWith('src/'))
  .map((pattern: string) => pattern.split('/')[1]);

describe('the platform boundary (npm run lint)', function () {
  this.timeout(60_000);

  it('refuses Node, vscode and Node-side folders in the code that runs everywhere', async () => {
    for (const code of [
      "import { readFileSync } from 'node:fs';",
      "import { join } from 'path';",
      "import * as vscode from 'vscode';",
      "import { loadTrainingData } from '../training/load-data';",
      "import { readKernelsWasm } from '../node/load-kernels-wasm';",
      "import type { Log } from '../extension/log';",
    ]) {
      const errors = await importErrors('src/engine/wrong-import.ts', code);
      assert.equal(errors.length, 1, `${code} in src/engine: ${JSON.stringify(errors)}`);
      assert.match(errors[0], /^no-restricted-imports: /);
    }
    assert.deepEqual(await importErrors('src/engine/right-import.ts', "import { inferShapes } from '../model/shapes';"), []);
  });

  it('refuses Node-only code in the webview, and lets it use the code that runs everywhere', async () => {
    const [wrong] = await importErrors('webview/components/wrong-import.ts', "import { readKernelsWasm } from '../../src/node/load-kernels-wasm';");
    assert.match(wrong, /the webview runs in a browser/);
    assert.equal((await importErrors('webview/components/wrong-import.ts', "import { Worker } from 'node:worker_threads';")).length, 1);
    assert.deepEqual(await importErrors('webview/components/right-import.ts', "import type { NnJsonModel } from '../../src/shared/nnjson';"), []);
  });

  it('lets only src/extension import vscode', async () => {
    assert.match((await importErrors('src/builder/wrong-import.ts', "import * as vscode from 'vscode';"))[0], /only src\/extension imports vscode/);
    assert.match((await importErrors('src/training/wrong-import.ts', "import { showError } from '../extension/log';"))[0], /VS Code side/);
    assert.deepEqual(await importErrors('src/builder/right-import.ts', "import { readFile } from 'node:fs/promises';"), []);
    assert.deepEqual(await importErrors('src/extension/right-import.ts', "import * as vscode from 'vscode';"), []);
  });

  it('treats exactly the folders that tsconfig.core.json checks without Node as the ones that run everywhere', async () => {
    const folders = readdirSync(join(root, 'src'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    for (const folder of folders) {
      const refusesNode = (await importErrors(`src/${folder}/probe.ts`, "import 'node:fs';")).length > 0;
      assert.equal(refusesNode, everywhereFolders.includes(folder), `src/${folder}`);
    }
  });
});
