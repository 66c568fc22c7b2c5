// The workspace the integration tests open: the fixture models, the example data in data/, and one data file
// outside the workspace folder (for the untrusted-workspace tests). Shared by scripts/run-integration.mjs
// (code-server) and .vscode-test.mjs (desktop VS Code through @vscode/test-cli).
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Fills `temp` with `workspace/` (returned) and `outside-the-workspace/`. */
export function prepareIntegrationWorkspace(temp) {
  const workspace = join(temp, 'workspace');
  cpSync(join(root, 'test', 'integration', 'workspace-fixture'), workspace, { recursive: true });
  cpSync(join(root, 'examples', 'data'), join(workspace, 'data'), { recursive: true });
  mkdirSync(join(temp, 'outside-the-workspace'), { recursive: true });
  cpSync(join(root, 'examples', 'data', 'iris.csv'), join(temp, 'outside-the-workspace', 'iris.csv'));
  return workspace;
}
