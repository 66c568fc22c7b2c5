/**
 * Keeps one builder panel supplied with what a trained classifier whose data is a file shows of the rows its latest
 * run held out: the confusion matrix and, for image data, some of those images and the misclassified ones. It is
 * computed (by the host, in a worker) whenever the panel opens or the parameters, layers or data change, and sent
 * again whenever the webview reloads (a tab switch). Results of an older model are dropped. Free of `vscode`.
 */
import { isTrainedFileClassifier } from '../insight/held-out-data';
import type { NnJsonModel } from '../shared/nnjson';
import type { HeldOutResults } from '../shared/held-out-images';
import type { HeldOutState } from '../shared/webview-protocol';

export type ComputeHeldOut = (model: NnJsonModel) => Promise<HeldOutResults | { error: string }>;

/** What the results depend on: a change of anything else (a name, the optimizer, history) does not recompute them. */
function inputsKey(model: NnJsonModel): string {
  return JSON.stringify([model.input, model.layers, model.loss, model.data, model.parameters]);
}

export class HeldOutFeed {
  private key?: string;
  private state: HeldOutState = { status: 'none' };
  private generation = 0;
  private disposed = false;

  constructor(private readonly compute: ComputeHeldOut, private readonly send: (state: HeldOutState) => void) {}

  /** The document's model changed; undefined while its text cannot be read (the last results stay). */
  modelChanged(model: NnJsonModel | undefined): void {
    if (!model || this.disposed) return;
    const key = isTrainedFileClassifier(model) ? inputsKey(model) : undefined;
    if (key === this.key) return;
    this.key = key;
    const generation = ++this.generation;
    if (key === undefined) {
      this.publish({ status: 'none' });
      return;
    }
    this.publish({ status: 'computing' });
    this.compute(model).then(
      (result) => {
        if (generation === this.generation) this.publish('error' in result ? { status: 'failed', message: result.error } : { status: 'ready', results: result });
      },
      (error: unknown) => {
        if (generation === this.generation) this.publish({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
  }

  /** Sends the latest state again (the webview reloaded and lost it). */
  resend(): void {
    if (!this.disposed) this.send(this.state);
  }

  dispose(): void {
    this.disposed = true;
  }

  private publish(state: HeldOutState): void {
    this.state = state;
    if (!this.disposed) this.send(state);
  }
}
