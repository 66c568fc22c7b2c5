/**
 * Evaluation, prediction and what the builder shows of held-out rows (confusion matrix, images) inside the worker, on the model's data or another
 * source. Prediction writes its CSV itself (atomically), so a large table never crosses to the extension host.
 */
import { DataError } from '../data/errors';
import { writeFileAtomic } from '../node/atomic-write';
import type { FittedData } from '../data/preprocess';
import { heldOutResults } from '../insight/held-out-data';
import { imageShapeOf } from '../insight/held-out-images';
import type { EvaluateJob, HeldOutJob, PredictJob, WorkerMessage } from '../shared/worker-protocol';
import { evaluateModel, predictRows } from '../training/evaluate-model';
import { dataSpecOf } from '../training/model-data';
import { classProbabilities, networkForModel } from '../model/network-state';
import { predictionCsvLines } from '../data/prediction-table';
import { loadRawDataset } from './plane-data';

type Post = (message: WorkerMessage) => void;

function locationOf(job: EvaluateJob | PredictJob | HeldOutJob): { modelDir: string; workspaceRoot?: string } {
  return { modelDir: job.modelDir, ...(job.workspaceRoot !== undefined ? { workspaceRoot: job.workspaceRoot } : {}) };
}

export async function runEvaluateJob(job: EvaluateJob, post: Post): Promise<void> {
  const report = await evaluateModel({ model: job.model, dataOverride: job.dataSource, rows: job.rows, ...locationOf(job) });
  post({ type: 'evaluated', report });
}

export async function runPredictJob(job: PredictJob, post: Post): Promise<void> {
  const predictions = await predictRows({ model: job.model, dataOverride: job.dataSource, includeInputs: job.includeInputs, ...locationOf(job) });
  try {
    await writeFileAtomic(job.outputPath, `${predictionCsvLines(predictions).join('\n')}\n`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new DataError(`${job.outputPath}: the predictions cannot be written there (${code}): choose a file in a folder that exists and that you may write to`);
  }
  post({ type: 'predicted', file: { dataSource: job.dataSource, outputPath: job.outputPath, header: predictions.header, rows: predictions.rows.length } });
}

export async function runHeldOutJob(job: HeldOutJob, post: Post): Promise<void> {
  const { model } = job;
  const raw = await loadRawDataset(model, locationOf(job));
  const classNames = raw.classNames ?? [];
  const network = networkForModel(model, model.training?.seed ?? 0);
  const fitted = model.data?.fitted as FittedData | undefined;
  const results = heldOutResults(raw, fitted, dataSpecOf(model).source, classProbabilities(network, classNames.length), classNames, imageShapeOf(model, raw));
  post({ type: 'heldOut', results });
}
