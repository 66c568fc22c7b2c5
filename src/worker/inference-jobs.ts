/**
 * Evaluation and prediction jobs inside the worker, on the model's data or another source. Evaluation of a
 * classifier also counts the confusion matrix over all rows it was given.
 */
import { applyFitted, type FittedData } from '../data/preprocess';
import { predict, Tensor } from '../engine/index';
import type { ConfusionMatrix } from '../shared/training-events';
import type { EvaluateJob, PredictJob, WorkerMessage } from '../shared/worker-protocol';
import { evaluateModel, predictRows } from '../training/evaluate-model';
import { dataSpecOf, taskOf } from '../training/model-data';
import { networkForModel } from '../training/network-state';
import { confusionMatrix } from '../insight/confusion-matrix';
import { loadRawDataset } from './plane-data';

type Post = (message: WorkerMessage) => void;

function csvField(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(Math.round(value * 1e6) / 1e6) : String(value);
  return /[",;\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export async function runEvaluateJob(job: EvaluateJob, post: Post): Promise<void> {
  const location = { modelDir: job.modelDir, workspaceRoot: job.workspaceRoot };
  const source = dataSpecOf(job.model, job.dataSource).source;
  const report = await evaluateModel({ model: job.model, dataOverride: job.dataSource, ...location });
  let confusion: ConfusionMatrix | undefined;
  if (taskOf(job.model) === 'classification') {
    const dataset = await loadRawDataset(job.model, location, job.dataSource);
    const fitted = job.model.data?.fitted as FittedData | undefined;
    if (fitted) applyFitted(dataset, fitted);
    const network = networkForModel(job.model, job.model.training?.seed ?? 0);
    const outputs = predict(network, new Tensor(dataset.rows, dataset.cols, dataset.x));
    confusion = confusionMatrix(outputs.data, dataset.y, dataset.classNames ?? [], 'evaluation');
  }
  post({ type: 'evaluated', report: { dataSource: source, ...report, ...(confusion ? { confusion } : {}) } });
}

export async function runPredictJob(job: PredictJob, post: Post): Promise<void> {
  const predictions = await predictRows({
    model: job.model,
    dataOverride: job.dataSource,
    modelDir: job.modelDir,
    workspaceRoot: job.workspaceRoot,
  });
  const lines = [predictions.header.map(csvField).join(','), ...predictions.rows.map((row) => row.map(csvField).join(','))];
  post({ type: 'predicted', table: { dataSource: job.dataSource, csv: `${lines.join('\n')}\n`, rows: predictions.rows.length } });
}
