/** The model's name and description, loss, optimizer (with the seed's defaults shown) and training settings. */
import { LOSS_DESCRIPTORS } from '../../src/registry/losses';
import { OPTIMIZER_DEFAULTS, OPTIMIZER_TYPES, optimizerDescriptor } from '../../src/registry/optimizers';
import { TRAINING_DEFAULTS, type NnJsonModel, type OptimizerSpec, type OptimizerType } from '../../src/shared/nnjson';
import type { FromWebview, JsonValue } from '../../src/shared/webview-protocol';
import { h, replaceChildren } from '../dom';
import { checkboxField, numberField, selectField, settingField, textField, type Field } from '../form-fields';
import type { BuilderStore } from '../store';
import { isUnreadable, unreadableNote } from './unreadable-note';

type OptimizerSetting = Exclude<keyof OptimizerSpec, 'type'>;

export class ModelPanel {
  readonly element: HTMLElement;
  private readonly name: Field<string>;
  private readonly description: Field<string>;
  private readonly loss: Field<string>;
  private readonly optimizerType: Field<string>;
  private readonly optimizerBody: HTMLElement;
  private readonly optimizerFormula: HTMLElement;
  private optimizerFields: { key: OptimizerSetting; field: Field<never> }[] = [];
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
    const descriptor = optimizerDescriptor(type);
    this.optimizerFormula.textContent = descriptor.formula;
    this.optimizerFormula.title = descriptor.explanation;
    if (this.optimizerFieldsFor !== type) {
      this.optimizerFieldsFor = type;
      this.optimizerFields = Object.entries(descriptor.settings).map(([key, setting]) => ({
        key: key as OptimizerSetting,
        field: settingField(`optimizer-${key}`, setting, undefined, (value) => this.post({ type: 'setValue', path: ['optimizer', key], value })),
      }));
      replaceChildren(this.optimizerBody, this.optimizerFields.map(({ field }) => field.element));
    }
    for (const { key, field } of this.optimizerFields) (field as Field<number | undefined>).update(model.optimizer[key]);
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
