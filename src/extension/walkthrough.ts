/**
 * The Get Started walkthrough's progress: each step completes (package.json `completionEvents`, onContext) when
 * the extension sets its context key, which it does when the step's action really happened: an example was opened,
 * a run finished with its results written, the builder's "Inside the model" came into view of a trained model, a
 * layer was dropped from the palette, a convolutional network finished training, an export was written.
 */
import * as vscode from 'vscode';
import { readModel } from '../model/reader';
import { currentModelText } from './model-file';
import type { TrainingService } from './training-service';

export const WALKTHROUGH_STEPS = {
  exampleOpened: 'nnBuilder.walkthrough.exampleOpened',
  trained: 'nnBuilder.walkthrough.trained',
  insightSeen: 'nnBuilder.walkthrough.insightSeen',
  layerDragged: 'nnBuilder.walkthrough.layerDragged',
  cnnTrained: 'nnBuilder.walkthrough.cnnTrained',
  exported: 'nnBuilder.walkthrough.exported',
} as const;

export type WalkthroughStep = keyof typeof WALKTHROUGH_STEPS;

const marks: Partial<Record<WalkthroughStep, number>> = {};

/** Sets the step's context key (VS Code then marks the step done and remembers it). */
export function markWalkthroughStep(step: WalkthroughStep): void {
  marks[step] = (marks[step] ?? 0) + 1;
  void vscode.commands.executeCommand('setContext', WALKTHROUGH_STEPS[step], true);
}

/** How often each step's action happened in this session, for the tests (VS Code offers no way to read a context key). */
export function walkthroughMarks(): Partial<Record<WalkthroughStep, number>> {
  return { ...marks };
}

/** Marks "train" when a run finishes with its results written, and "train a CNN" when that model has a Conv2D layer. */
export function trackWalkthroughTraining(training: TrainingService): vscode.Disposable {
  return training.onEvent(({ uri, event }) => {
    if (event.type !== 'finished' || event.written === 'nothing') return;
    markWalkthroughStep('trained');
    void currentModelText(vscode.Uri.parse(uri)).then((text) => {
      if (readModel(text).model?.layers.some((layer) => layer.type === 'Conv2D')) markWalkthroughStep('cnnTrained');
    }, () => undefined);
  });
}
