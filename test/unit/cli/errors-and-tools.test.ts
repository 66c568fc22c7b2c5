import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readModel } from '../../../src/model/reader';
import { CLI, runCli, withExamplesCopy } from './cli-helpers';

function oneLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `expected one line on stderr, got:\n${stderr}`);
  return lines[0];
}

describe('nnjson errors, validate, init, summary (built command)', function () {
  const examples = withExamplesCopy(this);

  it('train on malformed JSON: one line naming file:line:col, exit 1, file untouched', async () => {
    const text = '{\n  "format": "nnjson",\n  "version": 1,\n  "input": { "size": 2 }\n  "layers": []\n}\n';
    writeFileSync(join(examples.dir, 'broken.nnjson'), text);
    const result = await runCli(['train', 'broken.nnjson'], examples.dir);
    assert.equal(result.code, 1);
    assert.match(oneLine(result.stderr), /^broken\.nnjson:5:3: error: /);
    assert.equal(result.stdout, '');
    assert.equal(readFileSync(join(examples.dir, 'broken.nnjson'), 'utf8'), text);
  });

  it('train with a missing CSV value: one line naming file, row and column, exit 1, model untouched', async () => {
    const csv = readFileSync(join(examples.dir, 'data/iris.csv'), 'utf8').split('\n');
    csv[7] = csv[7].replace(/^([^,]*),([^,]*),/, '$1,,');
    writeFileSync(join(examples.dir, 'data/holes.csv'), csv.join('\n'));
    const model = readFileSync(join(examples.dir, 'iris.nnjson'), 'utf8').replace('./data/iris.csv', './data/holes.csv');
    writeFileSync(join(examples.dir, 'holes.nnjson'), model);
    const before = readFileSync(join(examples.dir, 'holes.nnjson'));
    const result = await runCli(['train', 'holes.nnjson'], examples.dir);
    assert.equal(result.code, 1);
    assert.match(oneLine(result.stderr), /data\/holes\.csv: row 8, column "sepal_width": missing value: fill it in or delete the row/);
    assert.deepEqual(readFileSync(join(examples.dir, 'holes.nnjson')), before);
  });

  it('train with an unknown target column names the column and the choices', async () => {
    const model = readFileSync(join(examples.dir, 'iris.nnjson'), 'utf8').replace('"target": "species"', '"target": "kind"');
    writeFileSync(join(examples.dir, 'kind.nnjson'), model);
    const result = await runCli(['train', 'kind.nnjson'], examples.dir);
    assert.equal(result.code, 1);
    assert.match(oneLine(result.stderr), /iris\.csv: row 1: unknown target column "kind": set data\.target to one of the columns "sepal_length"/);
    assert.equal(readFileSync(join(examples.dir, 'kind.nnjson'), 'utf8'), model);
  });

  it('wrong usage exits 2 with one line', async () => {
    const badFlag = await runCli(['train', 'xor.nnjson', '--epochs', 'many'], examples.dir);
    assert.equal(badFlag.code, 2);
    assert.match(oneLine(badFlag.stderr), /--epochs many is not valid: use a whole number/);
    const unknown = await runCli(['fly'], examples.dir);
    assert.equal(unknown.code, 2);
    assert.match(oneLine(unknown.stderr), /unknown command "fly"/);
    const missingFile = await runCli(['summary', 'nope.nnjson'], examples.dir);
    assert.equal(missingFile.code, 1);
    assert.match(oneLine(missingFile.stderr), /nope\.nnjson: model file not found/);
  });

  it('validate prints file:line:col diagnostics and exits 1 only when there is an error', async () => {
    const good = await runCli(['validate', 'xor.nnjson', 'iris.nnjson'], examples.dir);
    assert.equal(good.code, 0, good.stdout + good.stderr);
    assert.equal(good.stdout, '');
    const text = readFileSync(join(examples.dir, 'xor.nnjson'), 'utf8').replace('"in": 8, "out": 2', '"in": 9, "out": 2');
    writeFileSync(join(examples.dir, 'wide.nnjson'), text);
    const bad = await runCli(['validate', 'xor.nnjson', 'wide.nnjson'], examples.dir);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /^wide\.nnjson:\d+:\d+: error: .*fc2/m);
    assert.doesNotMatch(bad.stdout, /^xor\.nnjson/m);
  });

  it('init writes a valid template and refuses to overwrite', async () => {
    const created = await runCli(['init', '--template', 'spiral', 'mine.nnjson'], examples.dir);
    assert.equal(created.code, 0, created.stderr);
    const text = readFileSync(join(examples.dir, 'mine.nnjson'), 'utf8');
    const { model, diagnostics } = readModel(text);
    assert.deepEqual(diagnostics, []);
    assert.equal(model?.data?.source, 'builtin:spiral');
    const again = await runCli(['init', 'mine.nnjson'], examples.dir);
    assert.equal(again.code, 1);
    assert.match(oneLine(again.stderr), /mine\.nnjson: already exists/);
    assert.equal(readFileSync(join(examples.dir, 'mine.nnjson'), 'utf8'), text);
    const unknown = await runCli(['init', '--template', 'mnist', 'other.nnjson'], examples.dir);
    assert.equal(unknown.code, 2);
    assert.equal(existsSync(join(examples.dir, 'other.nnjson')), false);
    const blank = await runCli(['init', 'blank.nnjson'], examples.dir);
    assert.equal(blank.code, 0);
    assert.equal(readModel(readFileSync(join(examples.dir, 'blank.nnjson'), 'utf8')).model?.name, 'New model');
    assert.match(blank.stdout, /add layers and "data"/);
    const untrainable = await runCli(['train', 'blank.nnjson'], examples.dir);
    assert.equal(untrainable.code, 1);
    assert.match(oneLine(untrainable.stderr), /blank\.nnjson: the model has no "data" setting: add "data": \{ "source": "builtin:xor" \} \(or a CSV path\), or pass --data SRC/);
  });

  it('init from a CSV template says when the CSV is not where the model looks for it', async () => {
    const beside = await runCli(['init', '--template', 'iris', 'iris-copy.nnjson'], examples.dir);
    assert.equal(beside.code, 0, beside.stderr);
    assert.equal(beside.stderr, '', 'data/iris.csv is there: no note');
    mkdirSync(join(examples.dir, 'elsewhere'));
    const away = await runCli(['init', '--template', 'iris', 'elsewhere/iris.nnjson'], examples.dir);
    assert.equal(away.code, 0, away.stderr);
    assert.match(oneLine(away.stderr), /^note: elsewhere\/iris\.nnjson reads \.\/data\/iris\.csv .*does not exist yet: copy the CSV there .* or train with --data/);
  });

  it('train --epochs 0 writes the initial weights and says so', async () => {
    await runCli(['init', '--template', 'xor', 'zero.nnjson'], examples.dir);
    const result = await runCli(['train', 'zero.nnjson', '--epochs', '0'], examples.dir);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^trained 0 epochs: wrote zero\.nnjson with freshly initialised \(untrained\) weights/m);
    const { model } = readModel(readFileSync(join(examples.dir, 'zero.nnjson'), 'utf8'));
    assert.ok(model?.parameters?.fc1?.W);
    assert.equal(model.history?.length ?? 0, 0);
  });

  it('summary shows the layer table, totals, optimizer and loss', async () => {
    const result = await runCli(['summary', 'iris.nnjson'], examples.dir);
    assert.equal(result.code, 0, result.stderr);
    const out = result.stdout;
    assert.match(out, /^1 +fc1 +Linear +4 -> 16 +\[N, 16\] +80$/m);
    assert.match(out, /^3 +fc2 +Linear +16 -> 3 +\[N, 3\] +51$/m);
    assert.match(out, /^4 +softmax +SoftMax +\[N, 3\] +0$/m);
    assert.match(out, /^Total params: 131$/m);
    assert.match(out, /^Loss: CrossEntropy$/m);
    assert.match(out, /^Optimizer: Adam \(lr 0\.01, beta1 0\.9, beta2 0\.999, eps 1e-8\)$/m);
    assert.match(out, /^Trained: no/m);
  });

  it('--version prints the package version and exits 0', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const result = await runCli(['--version'], examples.dir);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, `${version}\n`);
    assert.equal(result.stderr, '');
  });

  it('a missing CSV is reported before any data setting: --data names the path and the fix; so does data.source', async () => {
    // xor.nnjson uses generated data, so it has no data.target: the missing file must still be what is reported
    const flag = await runCli(['eval', 'xor.nnjson', '--data', 'missing.csv'], examples.dir);
    assert.equal(flag.code, 1);
    const flagLine = oneLine(flag.stderr);
    assert.match(flagLine, /^--data missing\.csv: file not found \(.*missing\.csv\): give the path of a CSV file relative to the current folder/);
    assert.doesNotMatch(flagLine, /data\.target/);

    const model = readFileSync(join(examples.dir, 'xor.nnjson'), 'utf8').replace('"builtin:xor"', '"./data/nowhere.csv"');
    assert.match(model, /nowhere\.csv/);
    writeFileSync(join(examples.dir, 'nowhere.nnjson'), model);
    const source = await runCli(['train', 'nowhere.nnjson'], examples.dir);
    assert.equal(source.code, 1);
    const sourceLine = oneLine(source.stderr);
    assert.match(sourceLine, /data\/nowhere\.csv: file not found: check data\.source/);
    assert.doesNotMatch(sourceLine, /data\.target/);
    assert.equal(readFileSync(join(examples.dir, 'nowhere.nnjson'), 'utf8'), model);
  });

  it('--help lists the commands; COMMAND --help shows its options', async () => {
    const main = await runCli(['--help'], examples.dir);
    assert.equal(main.code, 0);
    for (const command of ['train', 'eval', 'predict', 'summary', 'validate', 'init']) assert.match(main.stdout, new RegExp(`^  ${command} `, 'm'));
    const train = await runCli(['train', '--help'], examples.dir);
    assert.equal(train.code, 0);
    assert.match(train.stdout, /--batch-size N/);
  });

  it('standard output that cannot be written (a full disk) ends in one line on stderr and exit 1, not a stack trace', () => {
    const full = openSync('/dev/full', 'w');
    try {
      for (const args of [['--help'], ['summary', 'xor.nnjson']]) {
        const result = spawnSync(process.execPath, [CLI, ...args], { cwd: examples.dir, stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
        assert.match(oneLine(result.stderr), /^nnjson: cannot write the output \(ENOSPC: no space left on device, write\): /, args.join(' '));
        assert.equal(result.status, 1, args.join(' '));
      }
    } finally {
      closeSync(full);
    }
  });
});
