// The platform boundary, checked by `npm run lint`. Each folder of src/ belongs to one of three sides:
// - everywhere: runs in Node, in the webview and in the worker alike, so imports nothing of Node, the DOM or vscode;
// - Node: may use Node, never vscode;
// - VS Code: src/extension (and src/extension.ts), the only code that imports vscode.
// The webview (webview/) is DOM code: it may import the everywhere side, nothing Node-only.
// tsconfig.core.json checks the same everywhere folders against ES2022 alone, so a Node or DOM global fails too.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

export const everywhereFolders = ['engine', 'model', 'data', 'shared', 'insight', 'registry', 'export', 'import', 'compare'];
export const nodeFolders = ['node', 'training', 'worker', 'cli', 'builder'];

const folderImport = (folders) => `(^|/)(${folders.join('|')})(/|$)`;

const vscode = { name: 'vscode', message: 'only src/extension imports vscode: pass what this code needs in from there' };
const nodeBuiltins = {
  paths: builtinModules.map((name) => ({ name, message: 'Node-only: this code runs everywhere; put the Node part in src/node/ and pass it in' })),
  patterns: [{ group: ['node:*'], message: 'Node-only: this code runs everywhere; put the Node part in src/node/ and pass it in' }],
};

/** The rule for code that may import neither Node nor the given folders of src/. */
function restricted(folders, why) {
  return [
    'error',
    {
      paths: [vscode, ...nodeBuiltins.paths],
      patterns: [...nodeBuiltins.patterns, { regex: folderImport(folders), message: why }],
    },
  ];
}

export default tseslint.config(
  // src/export/onnx/proto/onnx_pb.ts: generated from onnx.proto by protoc-gen-es (npm run generate:onnx-proto), which disables eslint in it
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.venv/**', 'assembly/**', 'src/export/onnx/proto/onnx_pb.ts'] },
  {
    files: ['**/*.ts', '**/*.mjs'],
    languageOptions: { parser: tseslint.parser },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/extension/**', 'src/extension.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [vscode], patterns: [{ regex: folderImport(['extension']), message: 'src/extension is the VS Code side: only it imports from there' }] }],
    },
  },
  {
    files: everywhereFolders.map((folder) => `src/${folder}/**/*.ts`),
    rules: {
      'no-restricted-imports': restricted([...nodeFolders, 'extension', 'webview'], 'this folder runs everywhere: it imports only from src/{' + everywhereFolders.join(',') + '}'),
    },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': restricted([...nodeFolders, 'extension'], 'the webview runs in a browser: it imports only from src/{' + everywhereFolders.join(',') + '}'),
    },
  },
);
