/**
 * The model's name and description, loss, optimizer (with the seed's defaults shown) and its weight decay, the
 * training settings and the training controls (learning-rate schedule, gradient clipping, early stopping), each
 * with its rule.
 */
import { LOSS_DESCRIPTORS } from '../../src/registry/losses';
import { OPTIMIZER_DEFAULTS, OPTIMIZER_TYPES, optimizerDescriptor, WEIGHT_DECAY_SETTINGS } from '../../src/registry/optimizers';
import { isNumberSetting } from '../../src/registry/settings';
import {
  CLIP_GRAD_NORM, EARLY_STOPPING_EXPLANATION, EARLY_STOPPING_FORMULA, EARLY_STOPPING_SETTINGS, isLrScheduleType, LR_SCHEDULE_DESCRIPTORS,
  lrScheduleDescriptor,
} from '../../src/registry/training-controls';
import { TRAINING_DEFAULTS, type NnJsonModel, type OptimizerType } from '../../src/shared/nnjson';
import type { FromWebview, JsonPath, JsonValue } from '../../src/shared/webview-protocol';
import { h } from '../dom';
import { checkboxField, numberField, selectField, settingField, textField, type Field } from '../form-fields';
import { SettingsForm } from '../settings-form';
import type { BuilderStore } from '../store';
import { isUnreadable, unreadableNote } from './unreadable-note';

const NO_SCHEDULE = '';

export class ModelPanel {
  readonly element: HTMLElement;
  private readonly name: Field<string>;
  private readonly description: Field<string>;
  private readonly loss: Field<string>;
  private readonly optimizerType: Field<string>;
  private readonly optimizerFormula: HTMLElement;
  private readonly optimizerSettings: SettingsForm;
  private readonly weightDecay: SettingsForm;
  private readonly schedule: Field<string>;
  private readonly scheduleFormula: HTMLElement;
  private readonly scheduleSettings: SettingsForm;
  private readonly clipGradNorm: Field<number | undefined>;
  private readonly earlyStopping: Field<boolean>;
  private readonly earlyStoppingBody: HTMLElement;
  private readonly earlyStoppingSettings: SettingsForm;
  private readonly trainingFields: { key: keyof typeof TRAINING_DEFAULTS; field: Field<never> }[];
  private readonly settings: HTMLElement;
  private readonly unreadable = unreadableNote();

  constructor(private readonly store: BuilderStore, private readonly post: (message: FromWebview) => void) {
    const set = (path: JsonPath, value: JsonValue | undefined) => this.post({ type: 'setValue', path, value });
    // an emptied name or description removes the key rather than writing ""
    const text = (key: 'name' | 'description', label: string, help: string, multiline: boolean) => textField({
      name: `model-${key}`, label, help, multiline, value: '',
      validate: () => undefined,
      onCommit: (value) => set([key], value.trim() === '' ? undefined : value),
    });
    this.name = text('name', 'Name', 'Shown in summaries and reports.', false);
    this.description = text('description', 'Description', 'What the model predicts, from what.', true);
    this.loss = selectField({
      name: 'loss',
      label: 'Loss',
      choices: LOSS_DESCRIPTORS.map((descriptor) => ({ value: descriptor.type, label: descriptor.label })),
      value: 'MSE',
      onCommit: (value) => set(['loss', 'type'], value),
    });
    this.optimizerType = selectField({
      name: 'optimizer',
      label: 'Optimizer',
      choices: OPTIMIZER_TYPES.map((type) => ({ value: type, label: type })),
      value: 'SGD',
      onCommit: (value) => this.changeOptimizer(value as OptimizerType),
    });
    this.optimizerFormula = h('code', { className: 'formula' });
    this.optimizerSettings = new SettingsForm('optimizer', ['optimizer'], set);
    this.weightDecay = new SettingsForm('optimizer', ['optimizer'], set);

    this.schedule = selectField({
      name: 'lrSchedule',
      label: 'Learning-rate schedule',
      choices: [{ value: NO_SCHEDULE, label: 'None: the optimizer\'s lr every epoch' }, ...LR_SCHEDULE_DESCRIPTORS.map((descriptor) => ({ value: descriptor.type, label: descriptor.label }))],
      value: NO_SCHEDULE,
      help: 'Set once per epoch e (from 0 in each run) from the optimizer\'s lr, lr₀; the chart under the loss shows it.',
      onCommit: (value) => this.changeSchedule(value),
    });
    this.scheduleFormula = h('code', { className: 'formula' });
    this.scheduleSettings = new SettingsForm('lrSchedule', ['training', 'lrSchedule'], set);
    this.clipGradNorm = settingField('clipGradNorm', CLIP_GRAD_NORM, undefined, (value) => set(['training', 'clipGradNorm'], value)) as Field<number | undefined>;
    // switched on, it writes the watched figure and the patience, so the file shows what it does
    const stoppingStart = { monitor: EARLY_STOPPING_SETTINGS.monitor.default, patience: EARLY_STOPPING_SETTINGS.patience.default };
    this.earlyStopping = checkboxField({
      name: 'earlyStopping', label: 'Stop early', value: false,
      onCommit: (on) => set(['training', 'earlyStopping'], on ? stoppingStart : undefined),
    });
    this.earlyStoppingSettings = new SettingsForm('earlyStopping', ['training', 'earlyStopping'], set);
    this.earlyStoppingBody = h('div', { className: 'early-stopping' }, [
      h('code', { className: 'formula', attrs: { title: EARLY_STOPPING_EXPLANATION }, text: EARLY_STOPPING_FORMULA }),
      this.earlyStoppingSettings.element,
    ]);

    const integer = (key: 'epochs' | 'batchSize' | 'seed' | 'historyLimit', label: string, min: number, max: number, help: string) => numberField({
      name: key, label, kind: 'integer', min, max, defaultValue: TRAINING_DEFAULTS[key], help, value: undefined,
      onCommit: (value) => set(['training', key], value),
    });
    this.trainingFields = [
      {
        key: 'epochs',
        field: integer('epochs', 'Epochs per run', 1, 100000, 'Passes over the training data each time you train; a trained model continues its history.') as Field<never>,
      },
      { key: 'batchSize', field: integer('batchSize', 'Batch size', 1, 1000000, 'Samples per update.') as Field<never> },
      {
        key: 'validationSplit',
        field: numberField({
          name: 'validationSplit', label: 'Validation split', kind: 'number', min: 0, max: 1, maxExclusive: true, step: 0.05,
          defaultValue: TRAINING_DEFAULTS.validationSplit, help: 'Fraction held out for validation, from 0 up to 1.', value: undefined,
          onCommit: (value) => set(['training', 'validationSplit'], value),
        }) as Field<never>,
      },
      { key: 'seed', field: integer('seed', 'Seed', 0, 4294967295, 'Same seed, same weights, shuffles and split.') as Field<never> },
      {
        key: 'historyLimit',
        field: integer('historyLimit', 'History kept', 0, 1000000000, 'Most epoch records kept in the file: recent ones in full, older ones thinned. 0 keeps all.') as Field<never>,
      },
      {
        key: 'shuffle',
        field: checkboxField({ name: 'shuffle', label: 'Shuffle every epoch', value: true, onCommit: (value) => set(['training', 'shuffle'], value) }) as Field<never>,
      },
    ];

    this.settings = h('div', { className: 'model-settings' }, [
      h('form', { className: 'form', attrs: { 'aria-label': 'Name and description' }, on: { submit: (event) => event.preventDefault() } }, [
        this.name.element,
        this.description.element,
      ]),
      h('h3', { className: 'section-title', text: 'Loss and optimizer' }),
      h('form', { className: 'form', attrs: { 'aria-label': 'Loss and optimizer' }, on: { submit: (event) => event.preventDefault() } }, [
        this.loss.element,
        this.optimizerType.element,
        this.optimizerFormula,
        this.optimizerSettings.element,
        this.weightDecay.element,
      ]),
      h('h3', { className: 'section-title', text: 'Training' }),
      h('form', { className: 'form form-grid', attrs: { 'aria-label': 'Training settings' }, on: { submit: (event) => event.preventDefault() } },
        this.trainingFields.map(({ field }) => field.element)),
      h('h3', { className: 'section-title', text: 'Schedule, clipping and early stopping' }),
      h('form', { className: 'form', attrs: { 'aria-label': 'Training controls' }, on: { submit: (event) => event.preventDefault() } }, [
        this.schedule.element,
        this.scheduleFormula,
        this.scheduleSettings.element,
        this.clipGradNorm.element,
        this.earlyStopping.element,
        this.earlyStoppingBody,
      ]),
    ]);
    this.element = h('section', { className: 'model-panel panel', attrs: { 'aria-label': 'Model settings', id: 'model-panel' } }, [
      h('h2', { className: 'panel-title', text: 'Model' }),
      this.settings,
      this.unreadable,
    ]);
  }

  render(): void {
    const model = this.store.document?.model;
    this.settings.hidden = !model;
    this.unreadable.hidden = !isUnreadable(this.store.document);
    if (!model) return;
    this.name.update(typeof model.name === 'string' ? model.name : '');
    this.description.update(typeof model.description === 'string' ? model.description : '');
    this.loss.update(model.loss.type);
    this.optimizerType.update(model.optimizer.type);
    this.renderOptimizer(model);
    const training = (model.training ?? {}) as Record<string, unknown>;
    for (const { key, field } of this.trainingFields) {
      (field as Field<unknown>).update(key === 'shuffle' ? training.shuffle ?? TRAINING_DEFAULTS.shuffle : training[key]);
    }
    this.renderControls(model);
  }

  private renderOptimizer(model: NnJsonModel): void {
    const descriptor = optimizerDescriptor(model.optimizer.type);
    this.optimizerFormula.textContent = descriptor.formula;
    this.optimizerFormula.title = descriptor.explanation;
    this.optimizerSettings.show(descriptor.settings, model.optimizer);
    this.weightDecay.show(WEIGHT_DECAY_SETTINGS, model.optimizer);
  }

  private renderControls(model: NnJsonModel): void {
    const schedule = model.training?.lrSchedule;
    const type = isLrScheduleType(schedule?.type) ? schedule.type : undefined;
    this.schedule.update(schedule === undefined ? NO_SCHEDULE : String(schedule.type));
    this.scheduleFormula.hidden = type === undefined;
    this.scheduleSettings.element.hidden = type === undefined;
    if (schedule && type) {
      const descriptor = lrScheduleDescriptor(type);
      this.scheduleFormula.textContent = descriptor.formula;
      this.scheduleFormula.title = descriptor.explanation;
      this.scheduleSettings.show(descriptor.settings, schedule);
    }
    this.clipGradNorm.update(model.training?.clipGradNorm);
    const stopping = model.training?.earlyStopping;
    this.earlyStopping.update(stopping !== undefined);
    this.earlyStoppingBody.hidden = stopping === undefined;
    if (stopping) this.earlyStoppingSettings.show(EARLY_STOPPING_SETTINGS, stopping);
  }

  /** A new optimizer keeps the learning rate and the weight decay, and writes the seed's defaults for its other settings. */
  private changeOptimizer(type: OptimizerType): void {
    const current = this.store.document?.model?.optimizer;
    if (!current || current.type === type) return;
    const value: Record<string, JsonValue> = { type, ...OPTIMIZER_DEFAULTS[type] };
    for (const key of ['lr', ...Object.keys(WEIGHT_DECAY_SETTINGS)] as const) {
      const kept = (current as Record<string, JsonValue | undefined>)[key];
      if (kept !== undefined) value[key] = kept;
    }
    this.post({ type: 'setValue', path: ['optimizer'], value });
  }

  /** Another schedule keeps the warm-up and writes the usual values of the settings it requires (a step's size). */
  private changeSchedule(type: string): void {
    if (!isLrScheduleType(type)) {
      this.post({ type: 'setValue', path: ['training', 'lrSchedule'], value: undefined });
      return;
    }
    const value: Record<string, JsonValue> = { type };
    for (const [key, setting] of Object.entries(lrScheduleDescriptor(type).settings)) {
      if (isNumberSetting(setting) && typeof setting.whenAdded === 'number') value[key] = setting.whenAdded;
    }
    const warmup = this.store.document?.model?.training?.lrSchedule?.warmupEpochs;
    if (warmup !== undefined) value.warmupEpochs = warmup;
    this.post({ type: 'setValue', path: ['training', 'lrSchedule'], value });
  }
}
