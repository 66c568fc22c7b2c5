/** What the palette and the inspector know about each layer type: group, description, formula and settings. */
import type { LayerType } from '../src/shared/nnjson';

export type PaletteGroup = 'Layers' | 'Activations' | 'Regularisation';
export const PALETTE_GROUPS: readonly PaletteGroup[] = ['Layers', 'Activations', 'Regularisation'];

export type SettingKind = 'integer' | 'number' | 'boolean';

export interface LayerSetting {
  key: string;
  label: string;
  kind: SettingKind;
  /** Inclusive lower bound. */
  min?: number;
  /** Upper bound; exclusive when `maxExclusive`. */
  max?: number;
  maxExclusive?: boolean;
  /** Lower bound is exclusive (eps > 0). */
  minExclusive?: boolean;
  step?: number;
  defaultValue?: number | boolean;
  /** Whether the value is required in the file (no default). */
  required?: boolean;
  /** Left out, the value is the width coming into the layer (shown as the field's placeholder). */
  followsIncomingWidth?: boolean;
  help: string;
}

export interface LayerInfo {
  type: LayerType;
  group: PaletteGroup;
  codicon: string;
  description: string;
  formula: string;
  settings: LayerSetting[];
}

export const LAYER_CATALOG: readonly LayerInfo[] = [
  {
    type: 'Linear', group: 'Layers', codicon: 'symbol-array',
    description: 'Fully connected layer: every output is a weighted sum of all inputs plus a bias.',
    formula: 'Y = X·W + b',
    settings: [
      { key: 'in', label: 'Input width', kind: 'integer', min: 1, max: 100000, followsIncomingWidth: true, help: 'Features coming in. Empty: the width before this layer; a number set here must equal it.' },
      { key: 'out', label: 'Output width', kind: 'integer', min: 1, max: 100000, required: true, help: 'Number of output features (units).' },
      { key: 'bias', label: 'Bias', kind: 'boolean', defaultValue: true, help: 'Add a learned bias b to every output.' },
    ],
  },
  {
    type: 'ReLU', group: 'Activations', codicon: 'graph-line',
    description: 'Rectified linear unit: passes positive values, zeroes negative ones.',
    formula: 'y = max(0, x)', settings: [],
  },
  {
    type: 'LeakyReLU', group: 'Activations', codicon: 'graph-line',
    description: 'Like ReLU but lets a small slope through for negative values.',
    formula: 'y = x if x > 0, else slope·x',
    settings: [
      { key: 'slope', label: 'Negative slope', kind: 'number', min: 0, max: 1, step: 0.01, defaultValue: 0.03, help: 'Slope for negative inputs, from 0 to 1.' },
    ],
  },
  {
    type: 'Sigmoid', group: 'Activations', codicon: 'graph-line',
    description: 'Squashes every value into (0, 1).',
    formula: 'y = 1 / (1 + e^(−x))', settings: [],
  },
  {
    type: 'SoftMax', group: 'Activations', codicon: 'graph-line',
    description: 'Turns each row into probabilities that sum to 1; put it last for CrossEntropy.',
    formula: 'yᵢ = e^(xᵢ) / Σⱼ e^(xⱼ)', settings: [],
  },
  {
    type: 'Dropout', group: 'Regularisation', codicon: 'debug-disconnect',
    description: 'During training, drops each value with probability p and rescales the rest.',
    formula: 'y = x·mask / (1 − p), mask ~ Bernoulli(1 − p)',
    settings: [
      { key: 'p', label: 'Drop probability', kind: 'number', min: 0, max: 1, maxExclusive: true, step: 0.05, defaultValue: 0.5, help: 'Probability of dropping a value, from 0 up to (not including) 1.' },
    ],
  },
  {
    type: 'BatchNorm', group: 'Regularisation', codicon: 'settings',
    description: 'Normalises each feature over the batch, then scales and shifts it with learned γ and β.',
    formula: 'y = γ·(x − μ) / √(σ² + ε) + β',
    settings: [
      { key: 'features', label: 'Features', kind: 'integer', min: 1, max: 100000, followsIncomingWidth: true, help: 'Features coming in. Empty: the width before this layer; a number set here must equal it.' },
      { key: 'eps', label: 'Epsilon', kind: 'number', min: 0, minExclusive: true, max: 1, step: 1e-5, defaultValue: 1e-5, help: 'Added to the variance for stability; greater than 0.' },
      { key: 'momentum', label: 'Momentum', kind: 'number', min: 0, max: 1, step: 0.01, defaultValue: 0.1, help: 'Weight of the new batch in the running statistics, from 0 to 1.' },
    ],
  },
];

export function layerInfo(type: LayerType): LayerInfo {
  const info = LAYER_CATALOG.find((entry) => entry.type === type);
  if (!info) throw new Error(`no catalog entry for layer type ${type}`);
  return info;
}

/** The palette entries whose name starts with (then contains) the query, best match first. */
export function matchLayerTypes(query: string): LayerInfo[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...LAYER_CATALOG];
  const starts = LAYER_CATALOG.filter((entry) => entry.type.toLowerCase().startsWith(q));
  const contains = LAYER_CATALOG.filter(
    (entry) => !starts.includes(entry) && (entry.type.toLowerCase().includes(q) || entry.description.toLowerCase().includes(q)),
  );
  return [...starts, ...contains];
}

/** Checks a typed value against a setting's range; returns the message to show, or undefined when valid. */
export function checkSetting(setting: Pick<LayerSetting, 'kind' | 'min' | 'max' | 'maxExclusive' | 'minExclusive' | 'label'>, value: number): string | undefined {
  if (!Number.isFinite(value)) return `${setting.label} must be a number`;
  if (setting.kind === 'integer' && !Number.isInteger(value)) return `${setting.label} must be a whole number`;
  if (setting.min !== undefined) {
    if (setting.minExclusive ? value <= setting.min : value < setting.min) {
      return `${setting.label} must be ${setting.minExclusive ? 'greater than' : 'at least'} ${setting.min}`;
    }
  }
  if (setting.max !== undefined) {
    if (setting.maxExclusive ? value >= setting.max : value > setting.max) {
      return `${setting.label} must be ${setting.maxExclusive ? 'less than' : 'at most'} ${setting.max}`;
    }
  }
  return undefined;
}
