/** Typed access to the extension's settings (package.json "contributes.configuration"). */
import * as vscode from 'vscode';
import { KERNEL_PREFERENCES, type KernelPreference } from '../shared/kernel-preference';

export interface NnBuilderSettings {
  saveAfterTraining: boolean;
  defaultSeed: number;
  /** Redraws per second, 1..10. */
  chartRefreshRate: number;
  kernels: KernelPreference;
}

export function readSettings(scope?: vscode.Uri): NnBuilderSettings {
  const config = vscode.workspace.getConfiguration('nnBuilder', scope);
  const seed = config.get<number>('training.defaultSeed', 42);
  const rate = config.get<number>('chart.refreshRate', 10);
  const kernels = config.get<string>('engine.kernels', 'auto');
  return {
    saveAfterTraining: config.get<boolean>('training.saveAfterTraining', true),
    defaultSeed: Number.isInteger(seed) && seed >= 0 ? seed : 42,
    chartRefreshRate: Number.isFinite(rate) ? Math.min(10, Math.max(1, rate)) : 10,
    kernels: (KERNEL_PREFERENCES as readonly string[]).includes(kernels) ? (kernels as KernelPreference) : 'auto',
  };
}
