/** The model's name and description, loss, optimizer (with the seed's defaults shown) and training settings. */
import { LOSS_TYPES } from '../../src/registry/losses';
import { OPTIMIZER_DEFAULTS, OPTIMIZER_TYPES } from '../../src/registry/optimizers';
import { TRAINING_DEFAULTS, type NnJsonModel, type OptimizerSpec, type OptimizerType } from '../../src/shared/nnjson';
import type { FromWebview, JsonValue } from '../../src/shared/webview-protocol';
import { h, replaceChildren } from '../dom';
import { checkboxField, numberField, selectField, textField, type Field } from '../form-fields';
import type { BuilderStore } from '../store';
import { isUnreadable, unreadableNote } from './unreadable-note';

type OptimizerSetting = Exclude<keyof OptimizerSpec, 'type'>;

const OPTIMIZER_SETTINGS: Record<OptimizerSetting, { label: string; min: number; max: number; minExclusive?: boolean; maxExclusive?: boolean; step: number; help: string }> = {
  lr: { label: 'Learning rate', min: 0, max: 10, minExclusive: true, step: 0.0001, help: 'Step size; greater than 0.' },
  momentum: { label: 'Momentum', min: 0, max: 1, maxExclusive: true, step: 0.01, help: 'Fraction of the previous update kept, from 0 up to 1.' },
  beta: { label: 'Beta (decay)', min: 0, max: 1, maxExclusive: true, step: 0.01, help: 'Decay of the squared-gradient average, from 0 up to 1.' },
  beta1: { label: 'Beta 1', min: 0, max: 1, maxExclusive: true, step: 0.01, help: 'Decay of the gradient average, from 0 up to 1.' },
  beta2: { label: 'Beta 2', min: 0, max: 1, maxExclusive: true, step: 0.001, help: 'Decay of the squared-gradient average, from 0 up to 1.' },
  eps: { label: 'Epsilon', min: 0, max: 1, minExclusive: true, step: 1e-8, help: 'Added for numerical stability; greater than 0.' },
};

const OPTIMIZER_DESCRIPTIONS: Record<OptimizerType, string> = {
  SGD: 'w ← w − lr·g',
  Momentum: 'u ← momentum·u + lr·g;  w ← w − u',
  RMSProp: 's ← β·s + (1−β)·g²;  w ← w − lr·g/√(s+ε)',
  Adam: 'm, v averages of g, g² (bias-corrected);  w ← w − lr·m̂/(√v̂+ε)',
  Nadam: 'Adam with Nesterov momentum on m̂',
};

export class ModelPanel {
  readonly element: HTMLElement;
  private readonly name: Field<string>;
  private readonly description: Field<string>;
  private readonly loss: Field<string>;
  private readonly optimizerType: Field<string>;
  private readonly optimizerBody: HTMLElement;
  private readonly optimizerFormula: HTMLElement;
  private optimizerFields: { key: OptimizerSetting; field: Field<number | undefined> }[] = [];
  private optimizerFieldsFor?: OptimizerType;
  private readonly trainingFields: { key: keyof typeof TRAINING_DEFAULTS; field: Field<never> }[];
  private readonly settings: HTMLElement;
  private readonly unreadable = unreadableNote();

  constructor(private readonly store: BuilderStore, private readonly post: (message: FromWebview) => void) {
    const set = (path: (string | number)[], value: JsonValue | undefined) => this.post({ type: 'setValue', path, value });
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
      choices: LOSS_TYPES.map((type) => ({ value: type, label: type === 'MSE' ? 'MSE (regression)' : 'CrossEntropy (classification, after SoftMax)' })),
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
    this.optimizerBody = h('div', { className: 'form-grid' });

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
        this.optimizerBody,
      ]),
      h('h3', { className: 'section-title', text: 'Training' }),
      h('form', { className: 'form form-grid', attrs: { 'aria-label': 'Training settings' }, on: { submit: (event) => event.preventDefault() } },
        this.trainingFields.map(({ field }) => field.element)),
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
  }

  private renderOptimizer(model: NnJsonModel): void {
    const type = model.optimizer.type;
    this.optimizerFormula.textContent = OPTIMIZER_DESCRIPTIONS[type] ?? '';
    if (this.optimizerFieldsFor !== type) {
      this.optimizerFieldsFor = type;
      const defaults = (OPTIMIZER_DEFAULTS[type] ?? {}) as Partial<Record<OptimizerSetting, number>>;
      this.optimizerFields = (Object.keys(defaults) as OptimizerSetting[]).map((key) => {
        const setting = OPTIMIZER_SETTINGS[key];
        return {
          key,
          field: numberField({
            name: `optimizer-${key}`,
            label: setting.label,
            kind: 'number',
            min: setting.min,
            max: setting.max,
            minExclusive: setting.minExclusive,
            maxExclusive: setting.maxExclusive,
            step: setting.step,
            defaultValue: defaults[key],
            help: `${setting.help} Default ${defaults[key]}.`,
            value: undefined,
            onCommit: (value) => this.post({ type: 'setValue', path: ['optimizer', key], value }),
          }),
        };
      });
      replaceChildren(this.optimizerBody, this.optimizerFields.map(({ field }) => field.element));
    }
    for (const { key, field } of this.optimizerFields) field.update(model.optimizer[key]);
  }

  /** A new optimizer keeps the learning rate and writes the seed's defaults for its other settings. */
  private changeOptimizer(type: OptimizerType): void {
    const current = this.store.document?.model?.optimizer;
    if (!current || current.type === type) return;
    const value: Record<string, JsonValue> = { type, ...OPTIMIZER_DEFAULTS[type] };
    if (current.lr !== undefined) value.lr = current.lr;
    this.post({ type: 'setValue', path: ['optimizer'], value });
  }
}
