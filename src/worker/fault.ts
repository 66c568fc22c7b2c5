/** Test-only faults (TrainJob.fault) that make the worker fail the way a real bug or crash would. */
import type { WorkerFault } from '../shared/worker-protocol';

export function injectFault(fault: WorkerFault): void {
  if (fault === 'exit') {
    process.exit(3);
  }
  // Thrown outside the training promise, so nothing in the worker catches it: the Worker emits 'error' and ends.
  setTimeout(() => {
    throw new Error('injected fault: the worker failed on purpose (integration test)');
  }, 0);
}
