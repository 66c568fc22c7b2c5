/**
 * A training job inside the worker: runs runTraining with the model and settings the host sent, posts progress
 * (batches and ended epochs, a few messages a second, with the decision boundary and hidden-unit pictures of two-input classifiers), checks the shared stop
 * flag before every batch, and ends with the updated model plus, for classifiers, the confusion matrix on the
 * rows the run held out (the very rows runTraining split off, not the data read and split again) and the final
 * decision boundary.
 */
import { predict, Tensor, type Sequential } from '../engine/index';
import type { FittedData } from '../data/preprocess';
import type { NnJsonModel } from '../shared/nnjson';
import type { ConfusionMatrix, DecisionBoundary, EpochSummary } from '../shared/training-events';
import { STOP_FLAG_INDEX, STOP_REQUESTED, type TrainJob, type WorkerMessage } from '../shared/worker-protocol';
import { classProbabilities, networkForModel } from '../model/network-state';
import { runTraining, type EpochState } from '../training/run-training';
import { decisionBoundary, planeRange, samplePoints, type PlaneData, type PlaneRange } from '../insight/decision-boundary';
import { hiddenActivations } from '../insight/unit-activations';
import { injectFault } from './fault';
import { confusionOf, planeDataOf } from '../insight/held-out-data';
import { isPlaneClassifier, loadRawDataset } from './plane-data';

type Post = (message: WorkerMessage) => void;

/** Shortest time between two decision-boundary grids sent with epoch messages. */
const BOUNDARY_INTERVAL_MS = 250;

function probabilitiesOf(network: Sequential): (inputs: Float32Array, rows: number) => Float32Array {
  return (inputs, rows) => predict(network, new Tensor(rows, 2, inputs)).data.slice();
}

export async function runTrainJob(job: TrainJob, post: Post): Promise<void> {
  const { model } = job;
  const location = { modelDir: job.modelDir, workspaceRoot: job.workspaceRoot };
  const seed = job.overrides.seed ?? model.training?.seed ?? job.defaultSeed;
  const stopFlag = new Int32Array(job.stopFlag);

  let plane: PlaneData | undefined;
  let range: PlaneRange | undefined;
  if (job.boundaryResolution > 0 && isPlaneClassifier(model)) {
    try {
      plane = planeDataOf(await loadRawDataset(model, location, job.overrides.data));
      range = plane ? planeRange(plane) : undefined;
    } catch {
      // runTraining loads the same data next and reports the problem with its place and fix
    }
  }
  const boundaryFor = (network: Sequential, fitted: FittedData | undefined): DecisionBoundary | undefined => {
    if (!plane || !range) return undefined;
    const scaling = fitted?.featureOffset && fitted.featureScale ? { offset: fitted.featureOffset, scale: fitted.featureScale } : undefined;
    return decisionBoundary(range, job.boundaryResolution, scaling, plane.featureNames, plane.classNames, probabilitiesOf(network), hiddenActivations(model, network));
  };

  let lastBatchPost = 0;
  let lastEpochsPost = 0;
  let lastBoundaryAt = -Infinity;
  let batchesSeen = 0;
  // epochs that ended since the last `epochs` message: fast models end thousands a second, and one message each
  // backed the host up so far that Stop took effect a minute late
  let pendingEpochs: EpochSummary[] = [];
  const postEpochs = (boundary?: DecisionBoundary) => {
    if (pendingEpochs.length === 0) return;
    post({ type: 'epochs', summaries: pendingEpochs, ...(boundary ? { boundary } : {}) });
    pendingEpochs = [];
    lastEpochsPost = Date.now();
  };
  const result = await runTraining({
    model,
    overrides: { epochs: job.overrides.epochs, batchSize: job.overrides.batchSize, lr: job.overrides.lr, seed },
    dataOverride: job.overrides.data,
    ...location,
    log: (line) => post({ type: 'log', line }),
    onDataReady: (summary) => {
      post({
        type: 'started',
        info: {
          epochs: summary.epochs,
          batchSize: summary.batchSize,
          startEpoch: summary.startEpoch,
          task: summary.task,
          trainRows: summary.trainRows,
          validationRows: summary.validationRows,
          ...(plane ? { points: samplePoints(plane) } : {}),
        },
      });
    },
    onBatch: (progress) => {
      batchesSeen += 1;
      if (batchesSeen === 1 && job.fault) injectFault(job.fault);
      const now = Date.now();
      if (now - lastBatchPost >= job.batchIntervalMs) {
        lastBatchPost = now;
        post({ type: 'batch', progress });
      }
    },
    onEpoch: (summary: EpochSummary, state: EpochState) => {
      // The live network, between two epochs: the grid is computed now, before training goes on. At most a few
      // grids a second: fast epochs would otherwise flood the host and the webview; the run's end sends the last.
      pendingEpochs.push(summary);
      const now = Date.now();
      if (now - lastEpochsPost < job.batchIntervalMs) return;
      const due = now - lastBoundaryAt >= BOUNDARY_INTERVAL_MS;
      if (due) lastBoundaryAt = now;
      postEpochs(due ? boundaryFor(state.network, state.fitted) : undefined);
    },
    shouldStop: () => Atomics.load(stopFlag, STOP_FLAG_INDEX) === STOP_REQUESTED,
  });

  postEpochs();
  let confusion: ConfusionMatrix | undefined;
  let boundary: DecisionBoundary | undefined;
  if (result.outcome.status !== 'diverged' && result.data.task === 'classification') {
    const trained: NnJsonModel = result.model;
    const network = networkForModel(trained, seed);
    const fitted = trained.data?.fitted as FittedData | undefined;
    boundary = boundaryFor(network, fitted);
    // no rows held out: the matrix counts the rows trained on, as the builder's does (heldOutRows)
    const { validation, train } = result.rows;
    const classNames = result.data.classNames ?? [];
    confusion = confusionOf(validation ?? train, validation ? 'validation' : 'training', classProbabilities(network, classNames.length), classNames);
  }
  post({
    type: 'trained',
    outcome: result.outcome,
    model: result.model,
    ...(confusion ? { confusion } : {}),
    ...(boundary ? { boundary } : {}),
  });
}
