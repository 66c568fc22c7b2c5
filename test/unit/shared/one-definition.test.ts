import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The `type: '...'` tags of the variants a union of messages declares in `file`. */
function variantTags(file: string): string[] {
  const text = readFileSync(join(process.cwd(), 'src', 'shared', file), 'utf8');
  return [...text.matchAll(/\|\s*\{\s*type:\s*'([a-z]+)'/g)].map((match) => match[1]);
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith('.ts') ? [path] : [];
  });
}

describe('one definition of each message and choice', () => {
  it('declares the training progress messages (started, batch, epochs) once: the worker protocol reuses the training events\'', () => {
    const progress = ['started', 'batch', 'epochs'];
    const events = variantTags('training-events.ts');
    assert.ok(progress.every((tag) => events.includes(tag)), `training-events.ts declares ${events.join(', ')}`);
    // 'failed' is two messages: the worker's (with a detail for the log) and the service's to the builder
    const twice = variantTags('worker-protocol.ts').filter((tag) => progress.includes(tag));
    assert.deepEqual(twice, [], 'variants written out in both training-events.ts and worker-protocol.ts');
  });

  it('spells the kernel preference (auto, typescript, wasm) out in one place', () => {
    const spelled = sourceFiles(join(process.cwd(), 'src')).filter((path) => /'auto'\s*\|\s*'typescript'\s*\|\s*'wasm'|\['auto', 'typescript', 'wasm'\]/.test(readFileSync(path, 'utf8')));
    assert.equal(spelled.length, 1, `the choices are written out in ${spelled.map((path) => path.slice(process.cwd().length + 1)).join(', ')}`);
  });
});
