// @vscode/test-cli configuration for machines with desktop VS Code: `npx vscode-test` after `npm run build &&
// npm run compile-tests`. It runs the same mocha suite as scripts/run-integration.mjs (which CI uses, with
// code-server, because downloading desktop VS Code needs the internet). Set VSCODE_EXECUTABLE to use an
// installed VS Code instead of a download.
import { defineConfig } from '@vscode/test-cli';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareIntegrationWorkspace } from './scripts/integration-workspace.mjs';

const workspace = prepareIntegrationWorkspace(mkdtempSync(join(tmpdir(), 'nn-builder-desktop-')));

export default defineConfig({
  label: 'integration',
  files: 'out/test/integration/**/*.test.js',
  version: '1.100.3',
  workspaceFolder: workspace,
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  mocha: { ui: 'bdd', timeout: 180_000, color: false },
  ...(process.env.VSCODE_EXECUTABLE ? { useInstallation: { fromPath: process.env.VSCODE_EXECUTABLE } } : {}),
});
