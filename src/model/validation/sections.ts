/** The loss, optimizer, training, data and history sections: known keys, types and value ranges. Browser-safe. */
import { LOSS_TYPES } from '../../registry/losses';
import { isOptimizerType, OPTIMIZER_DESCRIPTORS, OPTIMIZER_TYPES, optimizerDescriptor, WEIGHT_DECAY_SETTINGS, type OptimizerType } from '../../registry/optimizers';
import type { AnySettings } from '../../registry/settings';
import {
  CLIP_GRAD_NORM, EARLY_STOPPING_SETTINGS, isLrScheduleType, LR_SCHEDULE_DESCRIPTORS, LR_SCHEDULE_TYPES, lrScheduleDescriptor, type LrScheduleType,
} from '../../registry/training-controls';
import { EPOCH_RECORD_KEYS, NORMALIZATIONS, TRAINING_DEFAULTS, TRAINING_KEYS } from '../../shared/nnjson';
import type { JsonObject, JsonValue, PathSegment } from '../json-tree';
import { closestName } from '../suggest';
import { FINITE, isObject, POSITIVE_INTEGER, PROBABILITY_BELOW_ONE, settingsOfOtherTypes, type Checker, type NumberRule } from './checker';
import type { LayerFacts } from './layers';
import { checkLossOutput } from './widths';

export function checkLoss(checker: Checker, loss: JsonObject, layers: LayerFacts[], outputWidth: number | undefined): void {
  const type = loss.type;
  if (type === undefined) checker.missing(['loss', 'type'], LOSS_TYPES.join(' or '), 'add "type": "CrossEntropy" or "MSE"');
  else if (typeof type !== 'string') checker.wrongType(['loss', 'type'], type, 'a loss name', `use ${LOSS_TYPES.join(' or ')}`);
  else if (!(LOSS_TYPES as readonly string[]).includes(type)) {
    const suggestion = closestName(type, LOSS_TYPES);
    checker.block('unknown-loss', ['loss', 'type'], `loss.type "${type}" is not known: ${suggestion ? `did you mean "${suggestion}"? Set "type": "${suggestion}"` : `use ${LOSS_TYPES.join(' or ')}`}`, suggestion ? { suggestion, actual: type } : { actual: type });
  }
  checker.unknownKeys(loss, ['loss'], ['type'], 'loss');
  checkLossOutput(checker, layers, typeof type === 'string' ? type : undefined, outputWidth);
}

/** The setting names of each type of `descriptors`, for unknown and misplaced keys. */
function settingKeys<T extends string>(descriptors: readonly { type: T; settings: AnySettings }[]): Record<T, string[]> {
  return Object.fromEntries(descriptors.map((descriptor) => [descriptor.type, Object.keys(descriptor.settings)])) as Record<T, string[]>;
}

const SETTING_KEYS = settingKeys<OptimizerType>(OPTIMIZER_DESCRIPTORS);
const SCHEDULE_SETTING_KEYS = settingKeys<LrScheduleType>(LR_SCHEDULE_DESCRIPTORS);

/** Every setting of `settings` that `object` (at `segments`, named `label` in messages) states, checked against its description. */
function checkSettings(checker: Checker, object: JsonObject, segments: PathSegment[], settings: AnySettings, label: string): void {
  for (const [key, setting] of Object.entries(settings)) checker.setting(object, key, segments, setting, `${label}.${key}`);
}

export function checkOptimizer(checker: Checker, optimizer: JsonObject): void {
  const segments: PathSegment[] = ['optimizer'];
  const type = optimizer.type;
  if (type === undefined) {
    checker.missing(['optimizer', 'type'], OPTIMIZER_TYPES.join(', '), 'add "type": "Adam" (or another optimizer)');
    return;
  }
  if (typeof type !== 'string' || !isOptimizerType(type)) {
    const suggestion = typeof type === 'string' ? closestName(type, OPTIMIZER_TYPES) : undefined;
    const fix = suggestion ? `did you mean "${suggestion}"? Set "type": "${suggestion}"` : `use one of ${OPTIMIZER_TYPES.join(', ')}`;
    if (typeof type !== 'string') checker.wrongType(['optimizer', 'type'], type, 'an optimizer name', fix);
    else checker.block('unknown-optimizer', ['optimizer', 'type'], `optimizer.type "${type}" is not known: ${fix}`, suggestion ? { suggestion, actual: type } : { actual: type });
    return;
  }
  const owners = settingsOfOtherTypes(OPTIMIZER_TYPES, SETTING_KEYS, type);
  checker.unknownKeys(optimizer, segments, ['type', ...SETTING_KEYS[type], ...Object.keys(WEIGHT_DECAY_SETTINGS)], `optimizer (${type})`, owners);
  checkSettings(checker, optimizer, segments, optimizerDescriptor(type).settings, 'optimizer');
  checkSettings(checker, optimizer, segments, WEIGHT_DECAY_SETTINGS, 'optimizer');
  if (optimizer.decoupledWeightDecay === true && (optimizer.weightDecay === undefined || optimizer.weightDecay === 0)) {
    checker.report('warning', 'unused-setting', [...segments, 'decoupledWeightDecay'], 'optimizer.decoupledWeightDecay has no effect while optimizer.weightDecay is 0: set "weightDecay" (for example 0.01), or remove decoupledWeightDecay', undefined, true);
  }
}

/** `training.lrSchedule`: a known type and its settings. */
function checkLrSchedule(checker: Checker, schedule: JsonObject, epochs: number): void {
  const segments: PathSegment[] = ['training', 'lrSchedule'];
  const type = schedule.type;
  const types = LR_SCHEDULE_TYPES.map((name) => `"${name}"`).join(', ');
  if (type === undefined) {
    checker.report('error', 'missing-field', [...segments, 'type'], `training.lrSchedule has no "type": add "type" with one of ${types}`);
    return;
  }
  if (!isLrScheduleType(type)) {
    const suggestion = typeof type === 'string' ? closestName(type, LR_SCHEDULE_TYPES) : undefined;
    checker.report('error', 'out-of-range', [...segments, 'type'], `training.lrSchedule.type ${JSON.stringify(type)} is not a schedule: ${suggestion ? `did you mean "${suggestion}"? Set "type": "${suggestion}"` : `use one of ${types}`}`, suggestion ? { suggestion, expected: suggestion } : undefined);
    return;
  }
  const owners = settingsOfOtherTypes(LR_SCHEDULE_TYPES, SCHEDULE_SETTING_KEYS, type);
  checker.unknownKeys(schedule, segments, ['type', ...SCHEDULE_SETTING_KEYS[type]], `training.lrSchedule (${type})`, owners);
  checkSettings(checker, schedule, segments, lrScheduleDescriptor(type).settings, 'training.lrSchedule');
  const warmup = schedule.warmupEpochs;
  if (typeof warmup === 'number' && warmup >= epochs) {
    checker.report('warning', 'out-of-range', [...segments, 'warmupEpochs'], `training.lrSchedule.warmupEpochs is ${warmup}, but a run has ${epochs} epochs, so the ${type} schedule never starts: use fewer warm-up epochs than training.epochs`);
  }
}

/** `training.earlyStopping`: its settings, and the validation figure it watches must exist. */
function checkEarlyStopping(checker: Checker, stopping: JsonObject, validationSplit: unknown, lossType: string | undefined): void {
  const segments: PathSegment[] = ['training', 'earlyStopping'];
  checker.unknownKeys(stopping, segments, Object.keys(EARLY_STOPPING_SETTINGS), 'training.earlyStopping');
  checkSettings(checker, stopping, segments, EARLY_STOPPING_SETTINGS, 'training.earlyStopping');
  if (validationSplit === 0) {
    const changes = [{ kind: 'set' as const, path: ['training', 'validationSplit'], value: TRAINING_DEFAULTS.validationSplit }];
    checker.report('error', 'needs-validation', segments,
      `training.earlyStopping watches the validation figures, but training.validationSplit is 0, so no rows are held out: set "validationSplit" to ${TRAINING_DEFAULTS.validationSplit} (or another share above 0), or remove earlyStopping`,
      { fixes: [{ title: `Hold out ${TRAINING_DEFAULTS.validationSplit * 100}% of the rows for validation`, changes }] }, true);
  }
  if (stopping.monitor === 'validationAccuracy' && lossType === 'MSE') {
    checker.report('error', 'out-of-range', [...segments, 'monitor'],
      'training.earlyStopping.monitor is "validationAccuracy", but an MSE model (regression) has no accuracy: set "monitor": "validationLoss"',
      { actual: 'validationAccuracy', expected: 'validationLoss' });
  }
}

export function checkTraining(checker: Checker, training: JsonObject, lossType: string | undefined): void {
  const segments: PathSegment[] = ['training'];
  checker.unknownKeys(training, segments, TRAINING_KEYS, 'training');
  checker.number(training, 'epochs', segments, false, { ...POSITIVE_INTEGER, fallback: 20 }, 'training.epochs', 'how many passes over the data');
  checker.number(training, 'batchSize', segments, false, { ...POSITIVE_INTEGER, fallback: 32 }, 'training.batchSize', 'samples per step');
  checker.boolean(training, 'shuffle', segments, 'whether to shuffle the samples every epoch');
  checker.number(training, 'validationSplit', segments, false, { ...PROBABILITY_BELOW_ONE, expectation: 'a fraction of at least 0 and below 1', fallback: 0.2 }, 'training.validationSplit', 'the share of samples held out');
  checker.number(training, 'seed', segments, false, { integer: true, min: 0, max: 4294967295, expectation: 'a whole number from 0 to 4294967295', fallback: 42 }, 'training.seed', 'the random seed');
  checker.number(training, 'historyLimit', segments, false, { integer: true, min: 0, expectation: 'a whole number of at least 0 (0 keeps every epoch)', fallback: TRAINING_DEFAULTS.historyLimit }, 'training.historyLimit', 'the most epoch records the file keeps');
  const epochs = typeof training.epochs === 'number' ? training.epochs : TRAINING_DEFAULTS.epochs;
  const schedule = checker.object(training, 'lrSchedule', segments, false, 'the learning-rate schedule', `write it as { "type": "cosine" } (one of ${LR_SCHEDULE_TYPES.join(', ')})`);
  if (schedule) checkLrSchedule(checker, schedule, epochs);
  checker.setting(training, 'clipGradNorm', segments, CLIP_GRAD_NORM, 'training.clipGradNorm');
  const stopping = checker.object(training, 'earlyStopping', segments, false, 'when to stop early', 'write it as { "monitor": "validationLoss", "patience": 5 }');
  if (stopping) checkEarlyStopping(checker, stopping, training.validationSplit, lossType);
}

function checkStringList(checker: Checker, value: JsonValue | undefined, segments: PathSegment[], what: string): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    checker.wrongType(segments, value, `a list of strings (${what})`, 'write them like ["a", "b"]');
  }
}

function checkNumberList(checker: Checker, value: JsonValue | undefined, segments: PathSegment[], what: string): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'number' && Number.isFinite(item))) {
    checker.wrongType(segments, value, `a list of finite numbers (${what})`, 'retrain the model to write it again');
  }
}

export function checkData(checker: Checker, data: JsonObject): void {
  const segments: PathSegment[] = ['data'];
  checker.string(data, 'source', segments, true, '"builtin:NAME" or a CSV path', 'add "source": "builtin:xor" or "source": "data.csv"');
  checker.string(data, 'labels', segments, false, 'the path of the IDX labels file', 'write the path in double quotes, e.g. "train-labels-idx1-ubyte.gz"');
  const target = data.target;
  if (target !== undefined && typeof target !== 'string') checkStringList(checker, target, ['data', 'target'], 'target column names');
  checkStringList(checker, data.features, ['data', 'features'], 'feature column names');
  const classes = data.classes;
  if (classes !== undefined && typeof classes !== 'number') checkStringList(checker, classes, ['data', 'classes'], 'class labels in output order');
  else if (typeof classes === 'number') checker.number(data, 'classes', segments, false, { ...POSITIVE_INTEGER, min: 2, expectation: 'a whole number of at least 2' }, 'data.classes', 'the number of classes');
  for (const key of ['normalize', 'normalizeTarget'] as const) {
    const value = data[key];
    if (value !== undefined && (typeof value !== 'string' || !(NORMALIZATIONS as readonly string[]).includes(value))) {
      const suggestion = typeof value === 'string' ? closestName(value, NORMALIZATIONS) : undefined;
      checker.wrongType(['data', key], value, `one of ${NORMALIZATIONS.map((name) => `"${name}"`).join(', ')}`, suggestion ? `did you mean "${suggestion}"?` : 'pick one of them');
    }
  }
  checker.number(data, 'samples', segments, false, POSITIVE_INTEGER, 'data.samples', 'how many samples to generate');
  checker.number(data, 'noise', segments, false, { min: 0, expectation: 'at least 0' }, 'data.noise', 'the noise level');
  checker.number(data, 'seed', segments, false, { integer: true, min: 0, max: 4294967295, expectation: 'a whole number from 0 to 4294967295' }, 'data.seed', 'the data seed');
  const fitted = checker.object(data, 'fitted', segments, false, 'preprocessing fitted during training', 'delete it and train again');
  if (fitted) {
    const fittedPath: PathSegment[] = ['data', 'fitted'];
    checkStringList(checker, fitted.inputColumns, [...fittedPath, 'inputColumns'], 'input column names');
    checkStringList(checker, fitted.featureColumns, [...fittedPath, 'featureColumns'], 'source column names');
    for (const key of ['featureOffset', 'featureScale', 'targetOffset', 'targetScale']) checkNumberList(checker, fitted[key], [...fittedPath, key], 'fitted values');
    const categories = fitted.categories;
    if (categories !== undefined) {
      if (!isObject(categories)) checker.wrongType([...fittedPath, 'categories'], categories, 'an object of column name -> category list', 'delete it and train again');
      else for (const column of Object.keys(categories)) checkStringList(checker, categories[column], [...fittedPath, 'categories', column], 'categories');
    }
    const split = checker.object(fitted, 'split', fittedPath, false, 'the split of the latest training run', 'delete it and train again');
    if (split) checkRecordedSplit(checker, split, [...fittedPath, 'split']);
  }
}

/** `data.fitted.split` as training writes it; anything else cannot find the held-out rows again. */
function checkRecordedSplit(checker: Checker, split: JsonObject, segments: PathSegment[]): void {
  const rules: Record<string, (value: number) => boolean> = {
    seed: (value) => Number.isInteger(value) && value >= 0 && value <= 4294967295,
    validationSplit: (value) => value >= 0 && value < 1,
    rows: (value) => Number.isInteger(value) && value >= 1,
  };
  for (const [key, valid] of Object.entries(rules)) {
    const value = split[key];
    if (typeof value !== 'number' || !valid(value)) {
      // not blocking: only finding the validation rows again needs it
      checker.report('error', 'wrong-type', [...segments, key], `data.fitted.split.${key} is not what training writes (the seed, validation share and row count of its split): delete data.fitted.split and train again`);
    }
  }
  if (split.shuffle !== undefined && typeof split.shuffle !== 'boolean') {
    checker.report('error', 'wrong-type', [...segments, 'shuffle'], 'data.fitted.split.shuffle is not what training writes (true or false: whether it shuffled the rows): delete data.fitted.split and train again');
  }
}

export function checkHistory(checker: Checker, history: JsonValue[]): void {
  history.forEach((record, index) => {
    const segments: PathSegment[] = ['history', index];
    if (!isObject(record)) {
      checker.wrongType(segments, record, 'an object { "epoch", "loss", "seconds" }', 'delete this entry');
      return;
    }
    const label = `history[${index}]`;
    checker.number(record, 'epoch', segments, true, POSITIVE_INTEGER, `${label}.epoch`, 'the 1-based epoch number');
    for (const key of ['loss', 'valLoss', 'accuracy', 'valAccuracy', 'lr'] as const) {
      // null stands for a non-finite figure (a diverged loss); JSON has no NaN
      if (record[key] === null) continue;
      checker.number(record, key, segments, key === 'loss', FINITE, `${label}.${key}`, 'an epoch figure');
    }
    checker.number(record, 'seconds', segments, true, SECONDS, `${label}.seconds`, 'how long the epoch took');
    checker.number(record, 'bestEpoch', segments, false, POSITIVE_INTEGER, `${label}.bestEpoch`, 'the best epoch of a run early stopping ended');
    checker.unknownKeys(record, segments, EPOCH_RECORD_KEYS, label);
  });
}

const SECONDS: NumberRule = { min: 0, expectation: 'at least 0', fallback: 0 };
