import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../../../src/node/atomic-write';
import { readModel, readModelOrErrors } from '../../../src/model/reader';
import { encodeFloat32 } from '../../../src/model/tensor-codec';
import { writeModel } from '../../../src/model/writer';
import {
  EPOCH_RECORD_KEYS, NORMALIZATIONS, REQUIRED_TOP_LEVEL_KEYS, TOP_LEVEL_KEYS, TRAILING_TOP_LEVEL_KEYS,
  TRAINING_DEFAULTS, TRAINING_KEYS, type NnJsonModel,
} from '../../../src/shared/nnjson';
import { runTraining, type RunTrainingOptions } from '../../../src/training/run-training';
import { validateAgainst } from './mini-schema';
import { mnistModel, XOR_TEXT, xorModel, xorWith } from './samples';

interface SchemaNode { [keyword: string]: unknown; properties?: Record<string, SchemaNode>; definitions?: Record<string, SchemaNode> }

const schema = JSON.parse(readFileSync('schemas/nnjson.schema.json', 'utf8')) as SchemaNode;
const definitions = schema.definitions!;
const props = (node: SchemaNode): Record<string, SchemaNode> => node.properties ?? {};

function trainedText(): string {
  const model = xorModel();
  model.parameters = { fc1: { W: { shape: [2, 8], dtype: 'float32', data: encodeFloat32(new Float32Array(16)) }, b: { shape: [8], dtype: 'float32', values: new Array(8).fill(0) } } };
  model.history = [{ epoch: 1, loss: Number.NaN, seconds: 0.2 }, { epoch: 2, loss: 0.3, valLoss: 0.4, accuracy: 0.9, valAccuracy: 0.8, seconds: 0.2 }];
  model.data = { source: 'iris.csv', target: 'species', classes: ['a', 'b'], normalize: 'standard', fitted: { inputColumns: ['x'], featureOffset: [1], featureScale: [2], categories: { c: ['u'] } } };
  return writeModel(model);
}

describe('JSON Schema agrees with the model types and the reader', () => {
  // the layer, loss and optimizer definitions are checked against their descriptors in test/unit/registry/
  it('lists every normalisation', () => {
    assert.deepEqual(definitions.data.properties!.normalize.enum, NORMALIZATIONS);
  });

  it('requires exactly the required top-level keys and describes all known ones', () => {
    assert.deepEqual(schema.required, REQUIRED_TOP_LEVEL_KEYS);
    assert.deepEqual(Object.keys(props(schema)), [...TOP_LEVEL_KEYS, ...TRAILING_TOP_LEVEL_KEYS]);
    assert.deepEqual(definitions.layer.required, ['type', 'id']);
    assert.deepEqual(Object.keys(props(definitions.epochRecord)), EPOCH_RECORD_KEYS);
    assert.deepEqual(Object.keys(props(props(schema).training)), TRAINING_KEYS);
  });

  it('has the training defaults', () => {
    for (const [setting, value] of Object.entries(TRAINING_DEFAULTS)) assert.equal(props(props(schema).training)[setting].default, value, setting);
  });

  it('describes every property', () => {
    const missing: string[] = [];
    const walk = (node: SchemaNode, path: string): void => {
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        if (child.description === undefined && child.$ref === undefined) missing.push(`${path}.${key}`);
        walk(child, `${path}.${key}`);
      }
      for (const [key, child] of Object.entries(node.definitions ?? {})) walk(child, `#${key}`);
    };
    walk(schema, '$');
    assert.deepEqual(missing, []);
  });

  it('accepts the sample models the reader accepts', () => {
    for (const text of [XOR_TEXT, trainedText(), writeModel(mnistModel())]) {
      assert.equal(readModel(text).diagnostics.filter((d) => d.severity === 'error').length, 0);
      assert.deepEqual(validateAgainst(schema as never, JSON.parse(text)), []);
    }
  });

  it('rejects the structural mistakes the reader rejects', () => {
    const bad = [
      xorWith('  "loss": { "type": "CrossEntropy" },\n', ''),
      xorWith('"ReLU"', '"Relu"'),
      xorWith(', "out": 8', ''),
      xorWith('"in": 2', '"in": "2"'),
      xorWith('"lr": 0.01', '"lr": 0'),
      xorWith('"batchSize": 4', '"batchSize": 0'),
      xorWith('{ "type": "ReLU", "id": "relu1" }', '{ "type": "Dropout", "id": "d", "p": 1 }'),
      xorWith('"version": 1', '"version": 2'),
      trainedText().replace('"dtype": "float32"', '"dtype": "float64"'),
    ];
    for (const text of bad) {
      assert.ok(readModel(text).diagnostics.some((d) => d.severity === 'error'), text);
      assert.notDeepEqual(validateAgainst(schema as never, JSON.parse(text)), [], text);
    }
  });
});

describe('JSON Schema and the files training writes', function () {
  // trains small models; the machine may be shared
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'nnjson-schema-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Trains `model`, writes the result to DIR/name as the extension and the CLI do, and returns the file's JSON. */
  async function trainedFile(name: string, model: NnJsonModel, options: Partial<RunTrainingOptions> = {}): Promise<Record<string, unknown>> {
    const { model: trained } = await runTraining({ model, modelDir: dir, ...options });
    const path = join(dir, name);
    writeFileAtomicSync(path, writeModel(trained));
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  }

  /** Keys of `object` the schema node does not describe. */
  const undescribed = (object: unknown, node: SchemaNode): string[] => Object.keys(object as object).filter((key) => !(key in props(node)));

  it('accepts examples/xor.nnjson once trained, and describes every key training wrote', async () => {
    const example = readModelOrErrors(readFileSync('examples/xor.nnjson', 'utf8'));
    assert.ok('model' in example);
    const file = await trainedFile('xor.nnjson', example.model, { overrides: { epochs: 3 } });
    assert.ok(file.parameters && file.history);
    assert.deepEqual(validateAgainst(schema as never, file), []);
    assert.deepEqual(undescribed(file, schema), []);
    const data = file.data as Record<string, unknown>;
    assert.deepEqual(undescribed(data, definitions.data), []);
    assert.deepEqual(undescribed(data.fitted, definitions.fitted), []);
  });

  it('accepts a stopped run on CSV data that fills every fitted field the schema describes', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${['red', 'green', 'blue'][i % 3]},${i / 10},${(i % 3) + i / 20}`);
    writeFileSync(join(dir, 'plants.csv'), ['colour,height,weight', ...rows].join('\n'));
    const model: NnJsonModel = {
      format: 'nnjson', version: 1,
      input: { size: 4 },
      layers: [{ type: 'Linear', id: 'fc1', in: 4, out: 1 }],
      loss: { type: 'MSE' },
      optimizer: { type: 'Adam', lr: 0.01 },
      training: { epochs: 50, batchSize: 4 },
      data: { source: 'plants.csv', target: 'weight', normalizeTarget: 'standard' },
    };
    let batches = 0;
    const file = await trainedFile('plants.nnjson', model, { onBatch: () => batches++, shouldStop: () => batches >= 1 });
    assert.equal(file.trainingStatus, 'stopped');
    assert.deepEqual(validateAgainst(schema as never, file), []);
    assert.deepEqual(undescribed(file, schema), []);
    const fitted = (file.data as { fitted: Record<string, unknown> }).fitted;
    assert.deepEqual(Object.keys(fitted).sort(), Object.keys(props(definitions.fitted)).sort());
    assert.deepEqual(fitted.featureColumns, ['colour', 'height']);
    assert.deepEqual(fitted.split, { seed: 42, validationSplit: 0.2, shuffle: true, rows: 30 }, 'the split of the run, with the default seed, share and shuffling');
    assert.notDeepEqual(validateAgainst(schema as never, { ...file, data: { ...(file.data as object), fitted: { ...fitted, split: { seed: 1, validationSplit: 1, shuffle: true, rows: 30 } } } }), []);
    assert.notDeepEqual(validateAgainst(schema as never, { ...file, data: { ...(file.data as object), fitted: { ...fitted, split: { ...(fitted.split as object), shuffle: 'no' } } } }), []);
    assert.notDeepEqual(validateAgainst(schema as never, { ...file, trainingStatus: 'paused' }), []);
  });

  it('accepts a run with every training control that early stopping ended, and rejects the controls\' mistakes', async () => {
    const model: NnJsonModel = {
      format: 'nnjson', version: 1,
      input: { size: 2 },
      layers: [{ type: 'Linear', id: 'fc1', out: 32 }, { type: 'ReLU', id: 'relu1' }, { type: 'Linear', id: 'fc2', out: 2 }, { type: 'SoftMax', id: 'softmax1' }],
      loss: { type: 'CrossEntropy' },
      optimizer: { type: 'Adam', lr: 0.05, weightDecay: 0.001, decoupledWeightDecay: true },
      training: {
        epochs: 200, batchSize: 8, validationSplit: 0.5, seed: 3,
        lrSchedule: { type: 'step', stepSize: 5, gamma: 0.9, warmupEpochs: 2 }, clipGradNorm: 5, earlyStopping: { patience: 3, minDelta: 0.01 },
      },
      data: { source: 'builtin:moons', samples: 40, noise: 0.4 },
    };
    const file = await trainedFile('controls.nnjson', model);
    assert.match(String(file.trainingStatus), /^stopped early at epoch \d+, best epoch \d+$/);
    const history = file.history as Record<string, unknown>[];
    assert.ok(history.every((record) => typeof record.lr === 'number'));
    assert.equal(typeof history.at(-1)?.bestEpoch, 'number');
    assert.deepEqual(validateAgainst(schema as never, file), []);
    const training = file.training as Record<string, unknown>;
    const withTraining = (changes: Record<string, unknown>) => ({ ...file, training: { ...training, ...changes } });
    for (const bad of [
      withTraining({ lrSchedule: { type: 'linear' } }),
      withTraining({ lrSchedule: { type: 'step' } }),
      withTraining({ lrSchedule: { type: 'exponential', gamma: 0 } }),
      withTraining({ clipGradNorm: 0 }),
      withTraining({ earlyStopping: { monitor: 'loss' } }),
      withTraining({ earlyStopping: { patience: 0 } }),
      { ...file, optimizer: { type: 'Adam', weightDecay: -1 } },
      { ...file, trainingStatus: 'stopped early' },
    ]) {
      assert.notDeepEqual(validateAgainst(schema as never, bad), [], JSON.stringify(bad).slice(0, 300));
    }
  });
});
