/**
 * `nnjson diff` and `nnjson textconv` as a user runs them (the built command), on models trained by `nnjson train`,
 * and git's textconv driver set up as the README says, in a real repository.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readModel } from '../../../src/model/reader';
import { CLI, runCli, withExamplesCopy } from './cli-helpers';

async function cli(args: string[], cwd: string): Promise<string> {
  const result = await runCli(args, cwd);
  assert.equal(result.code, 0, `nnjson ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** Every base64 `data` string of a model file, as git would print it without textconv. */
function base64Blobs(text: string): string[] {
  return [...text.matchAll(/"data": "([A-Za-z0-9+/=]{16,})"/g)].map((match) => match[1]);
}

describe('nnjson diff and textconv (built command)', function () {
  const examples = withExamplesCopy(this);

  before(async () => {
    // xor-a trained 5 epochs; xor-b the same trained 5 more, with a wider hidden layer and a smaller lr
    await cli(['train', 'xor.nnjson', '--epochs', '5', '--out', 'xor-a.nnjson'], examples.dir);
    const wider = readFileSync(join(examples.dir, 'xor.nnjson'), 'utf8')
      .replace('"out": 8 }', '"out": 12 }').replace('"in": 8,', '"in": 12,').replace('"lr": 0.05', '"lr": 0.02');
    writeFileSync(join(examples.dir, 'xor-b.nnjson'), wider);
    await cli(['train', 'xor-b.nnjson', '--epochs', '8'], examples.dir);
  });

  it('diff says what changed from A to B, in text', async () => {
    const text = await cli(['diff', 'xor-a.nnjson', 'xor-b.nnjson'], examples.dir);
    const lines = text.split('\n');
    assert.equal(lines[0], 'A: xor-a.nnjson');
    assert.ok(lines.includes('  ~ fc1.out: 8 -> 12'), text);
    assert.ok(lines.includes('  ~ fc2.in: 8 -> 12'), text);
    assert.ok(lines.includes('Parameters: 42 -> 62 (+20)'), text);
    assert.ok(lines.includes('  optimizer.lr: 0.05 -> 0.02'), text);
    assert.ok(lines.includes('  fc1.W: shape [2, 8] -> [2, 12], not compared'), text);
    assert.match(text, /^ {2}fc2\.b\s+\[2\]\s+[\d.e-]+\s+[\d.]+%$/m);
    assert.match(text, /^ {2}epochs\s+5\s+8$/m);
  });

  it('diff --json gives the same comparison as one JSON object', async () => {
    const diff = JSON.parse(await cli(['diff', 'xor-a.nnjson', 'xor-b.nnjson', '--json'], examples.dir));
    assert.deepEqual(diff.parameters, { a: { total: 42, trainable: 42 }, b: { total: 62, trainable: 62 } });
    assert.deepEqual(diff.layers.b[0].changes, [{ key: 'out', a: 8, b: 12 }]);
    assert.equal(diff.identical, false);
    const fc2b = diff.tensors.find((tensor: { layer: string; name: string }) => tensor.layer === 'fc2' && tensor.name === 'b');
    assert.equal(fc2b.status, 'compared');
    assert.ok(fc2b.distance > 0 && fc2b.relative > 0);
  });

  it('diff of unreadable files names each file, the place and the fix, with exit status 1', async () => {
    writeFileSync(join(examples.dir, 'broken.nnjson'), '{\n  "format": "nnjson",\n  "version": 1\n  "layers": []\n}\n');
    const result = await runCli(['diff', 'broken.nnjson', 'missing.nnjson'], examples.dir);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    const [broken, missing] = result.stderr.trimEnd().split('\n');
    assert.match(broken, /^broken\.nnjson:4:3: error: .*\[invalid-json\]/);
    assert.match(missing, /^missing\.nnjson: model file not found: check the path/);
    const usage = await runCli(['diff', 'xor-a.nnjson'], examples.dir);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /usage: nnjson diff A\.nnjson B\.nnjson/);
  });

  it('textconv prints a stable readable form: settings, summary, tensor statistics and history, no base64', async () => {
    const file = join(examples.dir, 'xor-a.nnjson');
    const text = readFileSync(file, 'utf8');
    const form = await cli(['textconv', 'xor-a.nnjson'], examples.dir);
    assert.equal(await cli(['textconv', 'xor-a.nnjson'], examples.dir), form, 'the same file gives the same text');
    for (const blob of base64Blobs(text)) assert.ok(!form.includes(blob.slice(0, 16)), 'no base64 in the text form');
    assert.ok(!form.includes('xor-a.nnjson'), 'the text never names the file (git passes a temporary copy)');
    const lines = form.split('\n');
    assert.ok(lines.includes('Model: XOR'));
    assert.ok(lines.includes('  optimizer.lr: 0.05'));
    assert.ok(lines.includes('Total params: 42'));
    assert.match(form, /^ {2}fc1\.W\s+\[2, 8\](\s+-?[\d.e-]+){4}\s+[0-9a-f]{8}$/m);
    assert.match(form, /^History: 5 records up to epoch 5; the last 5:$/m);
    // the figures are the file's: fc2.b's mean is the mean of its two values
    const { model } = readModel(text);
    const bytes = Buffer.from(model!.parameters!.fc2.b.data!, 'base64');
    const values = [bytes.readFloatLE(0), bytes.readFloatLE(4)];
    const mean = (values[0] + values[1]) / 2;
    const row = lines.find((line) => line.trim().startsWith('fc2.b'))!.trim().split(/\s+/);
    assert.ok(Math.abs(Number(row[2]) - mean) <= 1e-5 * Math.max(1, Math.abs(mean)), `${row[2]} vs ${mean}`);
  });

  it('textconv of a file that is not a model prints its problems and its text, so a diff still shows', async () => {
    const text = '{ "format": "nnjson", "version": 1, ';
    writeFileSync(join(examples.dir, 'half.nnjson'), text);
    const result = await runCli(['textconv', 'half.nnjson'], examples.dir);
    assert.equal(result.code, 0);
    const lines = result.stdout.split('\n');
    assert.match(lines[0], /not a readable \.nnjson model/);
    assert.match(lines[1], /^ {2}1:\d+: error: .*\[invalid-json\]$/);
    assert.ok(lines.includes(text));
    const missing = await runCli(['textconv', 'nowhere.nnjson'], examples.dir);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^nowhere\.nnjson: model file not found/);
  });

  it('git diff and git log -p of a retrained model read like a review through textconv (real git)', async () => {
    const repo = join(examples.dir, 'repo');
    const git = (...args: string[]) => execFileSync('git', ['-C', repo, ...args], {
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1', HOME: repo },
    });
    execFileSync('git', ['init', '-q', repo]);
    writeFileSync(join(repo, '.gitattributes'), '*.nnjson diff=nnjson\n');
    // the README's command, with the checkout's built CLI standing for an installed `nnjson`
    git('config', 'diff.nnjson.textconv', `"${process.execPath}" "${CLI}" textconv`);
    copyFileSync(join(examples.dir, 'xor-a.nnjson'), join(repo, 'model.nnjson'));
    git('add', '.');
    git('commit', '-q', '-m', 'trained 5 epochs');
    const before = readFileSync(join(repo, 'model.nnjson'), 'utf8');
    await cli(['train', 'model.nnjson', '--epochs', '3'], repo);
    const after = readFileSync(join(repo, 'model.nnjson'), 'utf8');
    assert.notEqual(after, before);

    const readable = git('diff', 'model.nnjson');
    const raw = git('diff', '--no-textconv', 'model.nnjson');
    for (const blob of base64Blobs(after)) {
      assert.ok(raw.includes(blob), 'without textconv git shows the base64');
      assert.ok(!readable.includes(blob.slice(0, 16)), 'with textconv it does not');
    }
    const changed = readable.split('\n').filter((line) => /^[-+][^-+]/.test(line));
    assert.ok(changed.some((line) => /^-\s+fc1\.W\s+\[2, 8\].*[0-9a-f]{8}$/.test(line)), readable);
    assert.ok(changed.some((line) => /^\+\s+fc1\.W\s+\[2, 8\].*[0-9a-f]{8}$/.test(line)), readable);
    assert.ok(changed.includes('-History: 5 records up to epoch 5; the last 5:'), readable);
    assert.ok(changed.includes('+History: 8 records up to epoch 8; the last 8:'), readable);
    assert.ok(!changed.some((line) => line.includes('optimizer.lr')), 'unchanged settings are not in the diff');

    git('commit', '-q', '-am', 'trained 3 more epochs');
    const log = git('log', '-p', '--format=commit %s', 'model.nnjson');
    assert.match(log, /commit trained 3 more epochs[\s\S]*\+History: 8 records[\s\S]*commit trained 5 epochs[\s\S]*\+Model: XOR/);
    assert.ok(!base64Blobs(before).some((blob) => log.includes(blob.slice(0, 16))));
  });
});
