/**
 * The selected layer's settings as a form: id, then the settings of its type with their valid ranges. A width the
 * layer may leave out (`Linear.in`, `BatchNorm.features`, `Conv2D.inChannels`) shows the width (an image's
 * channels) coming in as its placeholder; emptying
 * the field removes the key, so the layer follows the layer before. A trained layer can reset its weights here.
 */
import { incomingWidth } from '../../src/model/layer-widths';
import { shapeText } from '../../src/model/shapes';
import type { Shape } from '../../src/registry/layer-descriptor';
import { layerIdProblem } from '../../src/registry/layer-id';
import { layerDescriptor } from '../../src/registry/layers/index';
import { isNumberSetting } from '../../src/registry/settings';
import type { LayerSpec } from '../../src/shared/nnjson';
import type { FromWebview, JsonValue } from '../../src/shared/webview-protocol';
import { codicon, h, replaceChildren } from '../dom';
import { settingField, settingHelp, textField, type Field } from '../form-fields';
import type { BuilderStore } from '../store';
import { isUnreadable, unreadableNote } from './unreadable-note';

/**
 * What an empty width field means, after the setting's own help: the first dimension of the shape coming in, which
 * is the width of features and the channels of an image (Conv2D's inChannels, BatchNorm's features after a Conv2D).
 */
function emptyWidthHelp(incoming: Shape | undefined): string {
  if (incoming === undefined) return 'Empty: the width (or an image\'s channels) coming in; a number set here must equal it.';
  if (incoming.length === 1) return `Empty: the width before this layer; a number set here must equal it. Coming in: ${incoming[0]}.`;
  return `Empty: the channels coming in; a number set here must equal them. Coming in: ${incoming[0]} channel${incoming[0] === 1 ? '' : 's'} (${shapeText(incoming)}).`;
}

interface FormEntry {
  key: string;
  field: Field<never>;
  fallback?: unknown;
  /** For a width that follows the layer before: shows what comes in (the shape its width is read from). */
  showIncoming?(incoming: Shape | undefined): void;
}

export class Inspector {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  /** Form built for this layer id and type; rebuilt when either changes. */
  private formKey = '';
  private fields: FormEntry[] = [];
  private resetRow?: HTMLElement;

  constructor(private readonly store: BuilderStore, private readonly post: (message: FromWebview) => void) {
    this.body = h('div', { className: 'inspector-body' });
    this.element = h('section', { className: 'inspector panel', attrs: { 'aria-label': 'Layer inspector', id: 'inspector' } }, [
      h('h2', { className: 'panel-title', text: 'Layer' }),
      this.body,
    ]);
  }

  render(): void {
    const index = this.store.selectedIndex();
    const layer = index >= 0 ? this.store.layers[index] : undefined;
    if (!layer || !this.store.editable) {
      this.formKey = '';
      this.fields = [];
      this.resetRow = undefined;
      replaceChildren(this.body, [isUnreadable(this.store.document) ? unreadableNote() : h('p', { className: 'hint', text: 'Select a layer to edit its settings.' })]);
      return;
    }
    // not keyed on the position: a layer that moves keeps its form, and a value being typed into it
    const key = `${layer.id}\u0000${layer.type}`;
    if (key !== this.formKey) this.build(layer, key);
    const values = layer as unknown as Record<string, unknown>;
    const incoming = this.store.document?.shapes?.layers[index]?.widthShape;
    for (const { key: settingKey, field, fallback, showIncoming } of this.fields) {
      (field as Field<unknown>).update(settingKey === 'id' ? layer.id : values[settingKey] ?? fallback);
      showIncoming?.(incoming);
    }
    if (this.resetRow) this.resetRow.hidden = this.store.document?.model?.parameters?.[layer.id] === undefined;
  }

  private build(layer: LayerSpec, key: string): void {
    this.formKey = key;
    const descriptor = layerDescriptor(layer.type);
    const set = (settingKey: string, value: JsonValue | undefined) =>
      this.post({ type: 'setLayerValue', id: layer.id, key: settingKey, value });
    const takenByAnother = (id: string) => id !== layer.id && this.store.layers.some((other) => other.id === id);
    const fields: FormEntry[] = [];
    const idField = textField({
      name: 'id',
      label: 'Id',
      value: layer.id,
      help: 'Unique name; parameters are stored under it.',
      validate: (text) => {
        const problem = layerIdProblem(text);
        if (problem) return `Id ${problem}`;
        if (takenByAnother(text)) return `Id "${text}" is taken by another layer`;
        return undefined;
      },
      onCommit: (value) => {
        this.store.selectedId = value;
        set('id', value);
      },
    });
    fields.push({ key: 'id', field: idField as Field<never> });
    for (const [settingKey, setting] of Object.entries(descriptor.settings)) {
      const field = settingField(settingKey, setting, (layer as Record<string, unknown>)[settingKey], (value) => set(settingKey, value));
      const help = settingHelp(setting);
      const follows = isNumberSetting(setting) && setting.followsIncomingWidth;
      const showIncoming = follows && field.setHint
        ? (incoming: Shape | undefined) => field.setHint!(incoming === undefined ? undefined : String(incomingWidth(incoming)), `${help} ${emptyWidthHelp(incoming)}`)
        : undefined;
      fields.push({ key: settingKey, field, fallback: setting.kind === 'boolean' ? setting.default : undefined, showIncoming });
    }
    this.fields = fields;
    // vscode-button styles its own display, so the row around it is what hides
    this.resetRow = h('div', { className: 'inspector-actions' }, [h('vscode-button', {
      attrs: { id: 'reset-layer-weights', secondary: true, 'aria-label': `Reset the trained weights of ${layer.id}`, title: `${layer.id} starts from fresh weights; the other layers keep theirs` },
      on: { click: () => this.post({ type: 'resetWeights', id: layer.id }) },
    }, [codicon('discard'), ' Reset weights'])]);
    replaceChildren(this.body, [
      h('div', { className: 'inspector-heading' }, [
        h('strong', { text: layer.type }),
        h('span', { className: 'hint', text: ` ${descriptor.explanation}` }),
      ]),
      h('code', { className: 'formula', text: descriptor.formula }),
      h('form', { className: 'form', attrs: { 'aria-label': `${layer.type} ${layer.id} settings` }, on: { submit: (event) => event.preventDefault() } },
        fields.map(({ field }) => field.element)),
      this.resetRow,
    ]);
  }
}
