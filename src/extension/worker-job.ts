/**
 * Runs one job in a fresh worker_threads Worker (dist/worker.js) and reports how it ended. The host only passes
 * messages; every number is computed in the worker, so the extension host stays responsive.
 */
import { Worker } from 'node:worker_threads';
import type { WorkerJob, WorkerMessage } from '../shared/worker-protocol';

export type FinalMessage = Extract<WorkerMessage, { type: 'trained' | 'evaluated' | 'predicted' | 'heldOut' | 'failed' }>;
export type ProgressMessage = Exclude<WorkerMessage, FinalMessage>;

/** How a job ended: with its last message, or with the worker gone (an uncaught error or an exit). */
export type WorkerJobEnd =
  | { kind: 'message'; message: FinalMessage }
  | { kind: 'crashed'; reason: string; detail?: string };

export interface RunningWorkerJob {
  readonly ended: Promise<WorkerJobEnd>;
  /** Ends the worker at once (used when the extension deactivates). */
  terminate(): Promise<void>;
}

function isFinal(message: WorkerMessage): message is FinalMessage {
  return message.type === 'trained' || message.type === 'evaluated' || message.type === 'predicted' || message.type === 'heldOut' || message.type === 'failed';
}

export function startWorkerJob(workerScript: string, job: WorkerJob, onProgress: (message: ProgressMessage) => void): RunningWorkerJob {
  const worker = new Worker(workerScript, { workerData: job, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
  let finalMessage: FinalMessage | undefined;
  let crash: { reason: string; detail?: string } | undefined;

  const ended = new Promise<WorkerJobEnd>((resolve) => {
    worker.on('message', (message: WorkerMessage) => {
      if (!isFinal(message)) {
        onProgress(message);
        return;
      }
      if (finalMessage) return;
      finalMessage = message;
      resolve({ kind: 'message', message });
      // The job is over; a handle left open in the worker (a timer, WebAssembly) must not keep it alive.
      void worker.terminate();
    });
    worker.on('error', (error) => {
      crash ??= { reason: `the training worker crashed: ${error.message}`, detail: error.stack };
    });
    worker.on('messageerror', (error) => {
      crash ??= { reason: `a message from the training worker could not be read: ${error.message}` };
    });
    worker.on('exit', (code) => {
      if (finalMessage) resolve({ kind: 'message', message: finalMessage });
      else if (crash) resolve({ kind: 'crashed', ...crash });
      else resolve({ kind: 'crashed', reason: `the training worker exited unexpectedly (exit code ${code}) before it reported a result` });
    });
  });

  return {
    ended,
    terminate: async () => {
      await worker.terminate();
    },
  };
}
