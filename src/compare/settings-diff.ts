/**
 * The loss, optimizer, training and data settings of two models side by side: every setting either file states,
 * with the value it takes in each (the default where one leaves it out), and whether they differ. Browser-safe.
 */
import type { NnJsonModel } from '../shared/nnjson';
import { sameValue, settingDefault, statedSettings } from './setting-values';

export interface SettingRow {
  /** `optimizer.lr`, `training.lrSchedule.gamma`, `data.source`. */
  path: string;
  /** The value in effect: stated, or the default; undefined when neither file nor format gives one. */
  a: unknown;
  b: unknown;
  /** True when the value comes from the format's default, not the file. */
  aDefault: boolean;
  bDefault: boolean;
  changed: boolean;
}

function valueIn(model: NnJsonModel, stated: Map<string, unknown>, path: string): { value: unknown; isDefault: boolean } {
  if (stated.has(path)) return { value: stated.get(path), isDefault: false };
  const fallback = settingDefault(model, path);
  return { value: fallback, isDefault: fallback !== undefined };
}

/** Every setting of either model, in A's order then B's new ones; a setting left out in one and stated as its default in the other is not a change. */
export function settingRows(a: NnJsonModel, b: NnJsonModel): SettingRow[] {
  const statedA = statedSettings(a);
  const statedB = statedSettings(b);
  const paths = [...new Set([...statedA.keys(), ...statedB.keys()])];
  return paths.map((path) => {
    const inA = valueIn(a, statedA, path);
    const inB = valueIn(b, statedB, path);
    return { path, a: inA.value, b: inB.value, aDefault: inA.isDefault, bDefault: inB.isDefault, changed: !sameValue(inA.value, inB.value) };
  });
}
