/**
 * `nnjson train MODEL [--data SRC] [--epochs N] [--batch-size N] [--lr X] [--seed N] [--out FILE] [--json] [--restart]`
 *
 * Trains from the file's settings (flags override) and writes parameters, fitted preprocessing and history into
 * MODEL or --out. Ctrl-C stops after the current batch and still writes what was learned, marked
 * `"trainingStatus": "stopped"` (exit status 130); a second Ctrl-C quits without writing.
 */
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { isBuiltinSource } from '../../data/builtin';
import type { NnJsonModel } from '../../shared/nnjson';
import { earlyStopText } from '../../shared/training-events';
import { writeModel } from '../../model/writer';
import { runTraining } from '../../training/run-training';
import { booleanFlag, expectPositionals, numberFlag, parseArgs, stringFlag } from '../args';
import { CliError } from '../cli-error';
import type { CommandIo } from '../io';
import { forModel } from '../model-errors';
import { loadModelFile } from '../model-file';
import { TrainingProgress } from '../progress';
import { writeAtomic } from '../write-file';
import { dataSourceFlag } from './data-flag';

export const TRAIN_USAGE =
  'nnjson train MODEL [--data SRC] [--epochs N] [--batch-size N] [--lr X] [--seed N] [--out FILE] [--json] [--restart]';

export const EXIT_STOPPED = 130;

/** A CSV path in `data.source` is relative to the model's folder: keep it pointing at the same file from --out's folder. */
function withDataSourceFor(model: NnJsonModel, from: string, to: string): NnJsonModel {
  const source = model.data?.source;
  const fromDir = dirname(resolve(from));
  const toDir = dirname(resolve(to));
  if (!model.data || typeof source !== 'string' || isBuiltinSource(source) || isAbsolute(source) || fromDir === toDir) return model;
  const rebased = relative(toDir, resolve(fromDir, source)).split(sep).join('/');
  return { ...model, data: { ...model.data, source: rebased.startsWith('.') ? rebased : `./${rebased}` } };
}

export async function trainCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const args = parseArgs(argv, 'train', {
    data: { value: true }, epochs: { value: true }, 'batch-size': { value: true }, lr: { value: true },
    seed: { value: true }, out: { value: true }, json: { value: false }, restart: { value: false },
  });
  const [file] = expectPositionals(args, TRAIN_USAGE, 1);
  const overrides = {
    epochs: numberFlag(args, 'train', 'epochs', { integer: true, min: 0 }),
    batchSize: numberFlag(args, 'train', 'batch-size', { integer: true, min: 1 }),
    lr: numberFlag(args, 'train', 'lr', { integer: false, min: 0, exclusiveMin: true }),
    seed: numberFlag(args, 'train', 'seed', { integer: true, min: 0 }),
  };
  const json = booleanFlag(args, 'json');
  const out = stringFlag(args, 'out') ?? file;
  const model = loadModelFile(file);
  const progress = new TrainingProgress(io, json ? 'json' : io.isTty ? 'bar' : 'lines');

  let stopRequested = false;
  const onSigint = (): void => {
    if (stopRequested) {
      progress.clearBar();
      io.stderr('nnjson train: quit without writing the model');
      process.exit(EXIT_STOPPED);
    }
    stopRequested = true;
    progress.clearBar();
    io.stderr('nnjson train: stopping after the current batch (Ctrl-C again quits without saving)');
  };
  process.on('SIGINT', onSigint);
  try {
    const result = await forModel(file, runTraining({
      model,
      modelDir: dirname(file),
      dataOverride: dataSourceFlag(args),
      overrides,
      restart: booleanFlag(args, 'restart'),
      shouldStop: () => stopRequested,
      onDataReady: (data) => progress.begin(data.startEpoch, data.epochs, data.batchesPerEpoch),
      onBatch: (batch) => progress.batch(batch),
      onEpoch: (epoch) => progress.epoch(epoch),
      log: (line) => (json ? undefined : io.stderr(line)),
    }));
    progress.clearBar();
    const { outcome } = result;
    if (outcome.status === 'diverged') {
      throw new CliError(`${file}: ${outcome.message} The file was not changed.`);
    }
    if (outcome.status === 'stopped' && result.trainedBatches === 0) {
      io.stderr(`stopped before the first batch: ${file} was not changed`);
      return EXIT_STOPPED;
    }
    writeAtomic(out, writeModel(withDataSourceFor(result.model, file, out)));
    const last = result.history[result.history.length - 1];
    const figure = last?.valAccuracy !== undefined ? `, val_accuracy ${(last.valAccuracy * 100).toFixed(1)}%`
      : last?.accuracy !== undefined ? `, accuracy ${(last.accuracy * 100).toFixed(1)}%` : last ? `, loss ${last.loss.toFixed(4)}` : '';
    const report = (line: string): void => (json ? io.stderr(line) : io.stdout(line));
    if (outcome.status === 'stopped') {
      report(`stopped at epoch ${outcome.epoch}, batch ${outcome.batch}: wrote what was learned to ${out} (marked "trainingStatus": "stopped")`);
      return EXIT_STOPPED;
    }
    if (result.history.length === 0) {
      const weights = result.data.startEpoch > 0 ? 'its trained weights unchanged' : 'freshly initialised (untrained) weights';
      report(`trained 0 epochs: wrote ${out} with ${weights} and the fitted preprocessing`);
      return 0;
    }
    const early = outcome.earlyStop ? ` (${earlyStopText(outcome.earlyStop)})` : '';
    report(`trained ${result.history.length} epoch${result.history.length === 1 ? '' : 's'}${early}${figure}: wrote ${out}`);
    return 0;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
