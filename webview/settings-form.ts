/**
 * The fields of one table of settings described in src/registry/ (an optimizer's, the weight decay, a schedule's,
 * early stopping's), each committing its own key under one path of the document, so an edit is one value.
 */
import type { AnySetting, AnySettings } from '../src/registry/settings';
import type { JsonPath, JsonValue } from '../src/shared/webview-protocol';
import { h, replaceChildren } from './dom';
import { settingField, type Field } from './form-fields';

/** What a field shows for a setting the file leaves out: a switch or a choice its default, a number nothing (the placeholder says it). */
function shownValue(setting: AnySetting, stated: unknown): unknown {
  if (stated !== undefined) return stated;
  return setting.kind === 'boolean' || setting.kind === 'choice' ? setting.default : undefined;
}

export class SettingsForm {
  readonly element: HTMLElement;
  private fields: { key: string; setting: AnySetting; field: Field<unknown> }[] = [];
  private shownFor?: AnySettings;

  /** `prefix` names the fields (`${prefix}-${key}`); each writes `[...path, key]`. */
  constructor(private readonly prefix: string, private readonly path: JsonPath, private readonly setValue: (path: JsonPath, value: JsonValue | undefined) => void) {
    this.element = h('div', { className: 'form-grid' });
  }

  /** Shows `settings` with the values `stated` gives them, rebuilding the fields when the table is another one. */
  show(settings: AnySettings, stated: object): void {
    if (settings !== this.shownFor) {
      this.shownFor = settings;
      this.fields = Object.entries(settings).map(([key, setting]) => ({
        key,
        setting,
        field: settingField(`${this.prefix}-${key}`, setting, undefined, (value) => this.setValue([...this.path, key], value)) as Field<unknown>,
      }));
      replaceChildren(this.element, this.fields.map(({ field }) => field.element));
    }
    const values: Partial<Record<string, unknown>> = stated;
    for (const { key, setting, field } of this.fields) field.update(shownValue(setting, values[key]));
  }
}
