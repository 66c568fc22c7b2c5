/**
 * A real training run for the webview tests: the worker's job runs in this process and its messages are turned
 * into the training service's events, as the extension would send them to the builder.
 */
import { readModel } from '../../src/model/reader';
import { writeModel } from '../../src/model/writer';
import type { NnJsonModel } from '../../src/shared/nnjson';
import type { TrainingEvent } from '../../src/shared/training-events';
import type { WorkerMessage } from '../../src/shared/worker-protocol';
import { runTrainJob } from '../../src/worker/train-job';

export interface RecordedRun {
  events: TrainingEvent[];
  /** The file text after the run, as the service writes it. */
  trainedText: string;
  trainedModel: NnJsonModel;
}

/** `modelDir`: the folder a CSV `data.source` is relative to. */
export async function recordTrainingRun(text: string, modelDir = process.cwd()): Promise<RecordedRun> {
  const { model } = readModel(text);
  if (!model) throw new Error('fixture is not a model');
  const events: TrainingEvent[] = [];
  let trained: NnJsonModel | undefined;
  await runTrainJob({
    kind: 'train',
    model,
    modelDir,
    kernels: 'typescript',
    overrides: {},
    defaultSeed: 42,
    stopFlag: new SharedArrayBuffer(4),
    batchIntervalMs: 0,
    boundaryResolution: 40,
  }, (message: WorkerMessage) => {
    switch (message.type) {
      case 'started':
      case 'batch':
      case 'epochs':
        events.push(message);
        break;
      case 'trained':
        trained = message.model;
        events.push({ type: 'finished', outcome: message.outcome, written: 'model', confusion: message.confusion, boundary: message.boundary });
        break;
      case 'failed':
        throw new Error(message.message);
      default:
        break;
    }
  });
  if (!trained) throw new Error('the run did not finish');
  return { events, trainedText: writeModel(trained), trainedModel: trained };
}
