/**
 * Training in the exported PyTorch script against NN Builder, where a user meets it (`python MODEL.py train
 * --write-nnjson`, torchrun, `nnjson eval`): ten steps in torch, shuffling off, give NN Builder's parameters within
 * 1e-4 for every optimizer and loss and the training controls; torchrun on two CPU processes gives one process's
 * parameters within 1e-5 on the same data order; the weights written back validate, and `nnjson eval` on them gives
 * the loss the script printed.
 */
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeModel } from '../../../src/model/writer';
import type { LayerSpec, NnJsonModel, TrainingSpec } from '../../../src/shared/nnjson';
import { exportFiles } from '../../../src/training/export-files';
import { runTraining } from '../../../src/training/run-training';
import { largestDifference, readModelFile, runExportedScripts, torchrun } from '../../shared/exported-pytorch';
import { runCli } from '../cli/cli-helpers';

const STEP_TOLERANCE = 1e-4;
const PROCESS_TOLERANCE = 1e-5;

/** 50 rows: two numbers, a colour (one-hot encoded), a class and a value; 40 train in 5 batches of 8, 10 are held out. */
function pointsCsv(): string {
  const colours = ['red', 'green', 'blue'];
  const rows = ['x1,x2,colour,label,value'];
  for (let i = 0; i < 50; i++) {
    const x1 = Math.sin(i * 1.7) * 3;
    const x2 = Math.cos(i * 0.9) * 2 + 1;
    rows.push(`${x1.toFixed(4)},${x2.toFixed(4)},${colours[i % 3]},${['a', 'b', 'c'][(i * 7) % 3]},${(10 + 2 * x1 - x2 + (i % 3)).toFixed(4)}`);
  }
  return `${rows.join('\n')}\n`;
}

interface TrainingCase {
  readonly name: string;
  readonly loss: 'CrossEntropy' | 'MSE';
  readonly optimizer: NnJsonModel['optimizer'];
  readonly training?: Partial<TrainingSpec>;
  readonly layers?: LayerSpec[];
}

const OPTIMIZERS: NnJsonModel['optimizer'][] = [
  { type: 'SGD', lr: 0.1 }, { type: 'Momentum', lr: 0.05, momentum: 0.8 }, { type: 'RMSProp', lr: 0.01, beta: 0.85, eps: 1e-6 },
  { type: 'Adam', lr: 0.01 }, { type: 'Nadam', lr: 0.01, beta1: 0.85 },
];

const CASES: TrainingCase[] = [
  ...(['CrossEntropy', 'MSE'] as const).flatMap((loss) => OPTIMIZERS.map((optimizer) => ({ name: `${optimizer.type}, ${loss}`, loss, optimizer }))),
  { name: 'Momentum with weight decay and a step schedule', loss: 'CrossEntropy', optimizer: { type: 'Momentum', lr: 0.05, weightDecay: 0.01 }, training: { lrSchedule: { type: 'step', stepSize: 1, gamma: 0.5 } } },
  { name: 'SGD with decoupled weight decay and gradient clipping', loss: 'MSE', optimizer: { type: 'SGD', lr: 0.1, weightDecay: 0.05, decoupledWeightDecay: true }, training: { clipGradNorm: 0.5 } },
  { name: 'AdamW with a warmed-up cosine schedule', loss: 'CrossEntropy', optimizer: { type: 'Adam', lr: 0.02, weightDecay: 0.01, decoupledWeightDecay: true }, training: { lrSchedule: { type: 'cosine', warmupEpochs: 1, lrMin: 0.001 } } },
  { name: 'RMSProp with an exponential schedule and early stopping', loss: 'MSE', optimizer: { type: 'RMSProp', lr: 0.02 }, training: { lrSchedule: { type: 'exponential', gamma: 0.7 }, earlyStopping: { patience: 1, minDelta: 10 } } },
  {
    // without a bias before BatchNorm: its gradient is 0 in exact arithmetic, and Nadam would scale the rounding up to steps of lr
    name: 'Nadam through BatchNorm', loss: 'CrossEntropy', optimizer: { type: 'Nadam', lr: 0.01 },
    layers: [{ type: 'Linear', id: 'fc1', out: 6, bias: false }, { type: 'BatchNorm', id: 'bn1', momentum: 0.2 }, { type: 'ReLU', id: 'relu1' }, { type: 'Linear', id: 'fc2', out: 3 }, { type: 'SoftMax', id: 'softmax' }],
  },
];

function caseModel(trainingCase: TrainingCase): NnJsonModel {
  const classifier = trainingCase.loss === 'CrossEntropy';
  return {
    format: 'nnjson', version: 1, name: trainingCase.name, input: { size: 5 },
    layers: trainingCase.layers ?? [
      { type: 'Linear', id: 'fc1', out: 6 }, { type: 'Tanh', id: 'tanh1' },
      ...(classifier ? [{ type: 'Linear', id: 'fc2', out: 3 }, { type: 'SoftMax', id: 'softmax' }] as LayerSpec[] : [{ type: 'Linear', id: 'fc2', out: 1 }] as LayerSpec[]),
    ],
    loss: { type: trainingCase.loss },
    optimizer: trainingCase.optimizer,
    training: { epochs: 2, batchSize: 8, shuffle: false, validationSplit: 0.2, seed: 3, ...trainingCase.training },
    data: { source: 'points.csv', features: ['x1', 'x2', 'colour'], target: classifier ? 'label' : 'value', ...(classifier ? {} : { normalizeTarget: 'standard' as const }) },
  };
}

/** The figure the script prints last: "evaluation on all N rows: loss X". */
function printedLoss(printed: string): number {
  const match = /evaluation on all \d+ rows: loss (\S+?),?( |$)/m.exec(printed);
  assert.ok(match, `the script prints its evaluation: ${printed}`);
  return Number(match[1]);
}

describe('PyTorch export: training in torch as in NN Builder', function () {
  this.timeout(300_000);
  const folder = mkdtempSync(join(tmpdir(), 'nnjson-pytorch-training-'));
  after(() => rmSync(folder, { recursive: true, force: true }));
  writeFileSync(join(folder, 'points.csv'), pointsCsv());
  mkdirSync(join(folder, 'torch'));

  /** The case trained one epoch by NN Builder, exported beside it, and a copy for the script to write back into. */
  async function exportedCase(trainingCase: TrainingCase, name: string): Promise<NnJsonModel> {
    const { model } = await runTraining({ model: caseModel(trainingCase), modelDir: folder, overrides: { epochs: 1 } });
    writeFileSync(join(folder, `${name}.nnjson`), writeModel(model));
    for (const file of await exportFiles(model, join(folder, `${name}.nnjson`), join(folder, 'torch', name), 'pytorch', 'test', { modelDir: folder })) {
      writeFileSync(file.path, file.bytes);
    }
    copyFileSync(join(folder, `${name}.nnjson`), join(folder, `${name}-torch.nnjson`));
    return model;
  }

  it('ten steps in torch give NN Builder\'s parameters, for every optimizer, loss and training control', async () => {
    const expected: NnJsonModel[] = [];
    for (const [index, trainingCase] of CASES.entries()) {
      const trained = await exportedCase(trainingCase, `case${index}`);
      expected.push((await runTraining({ model: trained, modelDir: folder })).model);
    }
    const results = runExportedScripts(CASES.map((_, index) => ({
      script: join(folder, 'torch', `case${index}.py`), argv: ['train', '--write-nnjson', join(folder, `case${index}-torch.nnjson`)],
    })));
    const differences = CASES.map((trainingCase, index) => {
      assert.equal(results[index].status, 0, `${trainingCase.name}: ${results[index].printed}`);
      const torchModel = readModelFile(join(folder, `case${index}-torch.nnjson`));
      assert.deepEqual(torchModel.history?.map((record) => record.epoch), expected[index].history?.map((record) => record.epoch), `${trainingCase.name}: the epochs`);
      torchModel.history?.forEach((record, epoch) => {
        const theirs = expected[index].history![epoch];
        assert.ok(Math.abs(record.loss - theirs.loss) <= STEP_TOLERANCE * Math.max(1, theirs.loss), `${trainingCase.name}: epoch ${record.epoch} loss ${record.loss} against ${theirs.loss}`);
      });
      assert.equal(torchModel.trainingStatus, expected[index].trainingStatus, `${trainingCase.name}: how the run ended`);
      return largestDifference(torchModel, expected[index]);
    });
    CASES.forEach((trainingCase, index) => assert.ok(differences[index].largest <= STEP_TOLERANCE, `${trainingCase.name}: ${differences[index].where} differs by ${differences[index].largest}`));
    console.log(`      largest parameter difference after 10 steps over ${CASES.length} cases: ${Math.max(...differences.map((d) => d.largest)).toExponential(2)}`);
  });

  it('torchrun on two CPU processes gives one process\'s parameters on the same (shuffled) data order; nnjson eval agrees with the script', async () => {
    const trainingCase: TrainingCase = { name: 'Adam, shuffled, on two processes', loss: 'CrossEntropy', optimizer: { type: 'Adam', lr: 0.01 }, training: { shuffle: true, epochs: 3 } };
    await exportedCase(trainingCase, 'ddp');
    copyFileSync(join(folder, 'ddp.nnjson'), join(folder, 'ddp-two.nnjson'));
    // training saves its weights over the exported ones: the second run starts from the export's too
    copyFileSync(join(folder, 'torch', 'ddp.safetensors'), join(folder, 'exported.safetensors'));
    const [single] = runExportedScripts([{ script: join(folder, 'torch', 'ddp.py'), argv: ['train', '--write-nnjson', join(folder, 'ddp-torch.nnjson')] }]);
    assert.equal(single.status, 0, single.printed);
    copyFileSync(join(folder, 'exported.safetensors'), join(folder, 'torch', 'ddp.safetensors'));
    const two = torchrun(2, join(folder, 'torch', 'ddp.py'), ['train', '--write-nnjson', join(folder, 'ddp-two.nnjson')], folder);
    assert.equal(two.status, 0, two.output);
    assert.match(two.output, /2 processes of 4 rows of each batch of 8/);
    const { largest: difference, where } = largestDifference(readModelFile(join(folder, 'ddp-two.nnjson')), readModelFile(join(folder, 'ddp-torch.nnjson')));
    assert.ok(difference <= PROCESS_TOLERANCE, `two processes against one: ${where} differs by ${difference}`);
    console.log(`      two processes against one, after 15 steps: largest parameter difference ${difference.toExponential(2)}`);

    const validation = await runCli(['validate', 'ddp-two.nnjson'], folder);
    assert.equal(validation.code, 0, `${validation.stdout}${validation.stderr}`);
    const evaluation = await runCli(['eval', 'ddp-two.nnjson', '--json'], folder);
    assert.equal(evaluation.code, 0, evaluation.stderr);
    const { loss, rowCount } = JSON.parse(evaluation.stdout) as { loss: number; rowCount: number };
    assert.equal(rowCount, 50);
    const printed = printedLoss(two.output);
    assert.ok(Math.abs(loss - printed) <= 1e-5 * Math.abs(loss), `nnjson eval gives loss ${loss}, the script printed ${printed}`);
    console.log(`      nnjson eval ${loss} against the script's ${printed}`);
  });
});
