import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic, writeFileAtomicSync } from '../../../src/node/atomic-write';

describe('atomic model writes', () => {
  let folder: string;
  beforeEach(() => { folder = mkdtempSync(join(tmpdir(), 'nnjson-atomic-')); });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('creates and replaces a file, leaving no temporary files', async () => {
    const path = join(folder, 'model.nnjson');
    await writeFileAtomic(path, 'first');
    await writeFileAtomic(path, 'second ✓');
    assert.equal(readFileSync(path, 'utf8'), 'second ✓');
    writeFileAtomicSync(path, 'third');
    assert.equal(readFileSync(path, 'utf8'), 'third');
    assert.deepEqual(readdirSync(folder), ['model.nnjson']);
  });

  it('writes bytes as they are (an exported model), both ways', async () => {
    const path = join(folder, 'model.onnx');
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256);
    await writeFileAtomic(path, bytes);
    assert.deepEqual(new Uint8Array(readFileSync(path)), bytes);
    writeFileAtomicSync(path, bytes.subarray(5));
    assert.deepEqual(new Uint8Array(readFileSync(path)), bytes.subarray(5));
    assert.deepEqual(readdirSync(folder), ['model.onnx']);
  });

  it('keeps the permissions of the file it replaces', async () => {
    const path = join(folder, 'model.nnjson');
    writeFileSync(path, 'old');
    chmodSync(path, 0o600);
    await writeFileAtomic(path, 'new');
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });

  it('removes its temporary file and leaves other files alone when the rename fails', async () => {
    writeFileSync(join(folder, 'other.nnjson'), 'old');
    // a non-empty folder where the file should go makes the final rename fail
    const target = join(folder, 'model.nnjson');
    mkdirSync(target);
    writeFileSync(join(target, 'keep'), 'x');
    await assert.rejects(writeFileAtomic(target, 'new'));
    assert.throws(() => writeFileAtomicSync(target, 'new'));
    assert.deepEqual(readdirSync(folder).sort(), ['model.nnjson', 'other.nnjson']);
    assert.equal(readFileSync(join(folder, 'other.nnjson'), 'utf8'), 'old');
  });
});
