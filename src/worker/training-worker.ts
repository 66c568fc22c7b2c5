/**
 * Entry of dist/worker.js: one job per worker (workerData is a WorkerJob). Every outcome, including a thrown
 * error, ends in one final message; only a real crash ends the thread without one, and the host reports that.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DataError } from '../data/errors';
import { selectKernels } from '../node/select-kernels';
import type { WorkerJob, WorkerMessage } from '../shared/worker-protocol';
import { runEvaluateJob, runHeldOutJob, runPredictJob } from './inference-jobs';
import { runTrainJob } from './train-job';

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

async function main(job: WorkerJob): Promise<void> {
  const selection = selectKernels(job.kernels);
  post({ type: 'log', line: `kernels: ${selection.kernels.name}${selection.fallbackReason ? ` (${selection.fallbackReason})` : ''}` });
  if (job.kind === 'train') await runTrainJob(job, post);
  else if (job.kind === 'evaluate') await runEvaluateJob(job, post);
  else if (job.kind === 'predict') await runPredictJob(job, post);
  else await runHeldOutJob(job, post);
}

main(workerData as WorkerJob).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  // A DataError already says what to change; anything else is a bug worth its stack in the log.
  post({ type: 'failed', message, ...(error instanceof DataError || !(error instanceof Error) ? {} : { detail: error.stack }) });
});
