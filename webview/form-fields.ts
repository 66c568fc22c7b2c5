/**
 * Form controls for the inspector and the model panel. Values are checked as typed (the message shows at once)
 * and committed on change (blur, Enter or a spinner click), so one edit of the document is one undo step.
 * A document update shows in a text or number control unless the control has focus and the document's value for
 * it is unchanged (or is the echo of the control's own commit): then what is being typed stays. When the document
 * changes the value itself (undo, redo, an edit in the text editor), the document wins, even in the focused control.
 */
import {
  describeRange, fitsRange, isAxisPair, isNumberSetting, sentence, settingExpectation, type AnySetting, type NumberRange, type NumberSetting,
} from '../src/registry/settings';
import type { JsonValue } from '../src/shared/webview-protocol';
import { h } from './dom';

export interface Field<T> {
  element: HTMLElement;
  update(value: T): void;
}

/** Tracks what a focused control may keep; see the file comment. */
class DocumentValue<T> {
  private fromDocument: T;
  private sent: T;

  constructor(initial: T, private readonly control: HTMLElement) {
    this.fromDocument = initial;
    this.sent = initial;
  }

  /** The value the document has, or will have once the last commit arrives. */
  get committed(): T {
    return this.sent;
  }

  commit(value: T): void {
    this.sent = value;
  }

  /** The document has `value`: true when the control should show it now. */
  arrived(value: T): boolean {
    const keepTyping = document.activeElement === this.control && (value === this.fromDocument || value === this.sent);
    this.fromDocument = value;
    this.sent = value;
    return !keepTyping;
  }
}

let fieldCounter = 0;
function nextFieldId(prefix: string): string {
  fieldCounter += 1;
  return `${prefix}-${fieldCounter}`;
}

export interface NumberFieldOptions {
  name: string;
  label: string;
  kind: 'integer' | 'number';
  min?: number;
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  step?: number;
  /** Shown when the file leaves the setting out. */
  defaultValue?: number;
  required?: boolean;
  help?: string;
  value: number | undefined;
  /** `undefined`: remove the key, so the default applies. */
  onCommit(value: number | undefined): void;
}

export interface NumberField extends Field<number | undefined> {
  /** Changes what an empty field stands for: its placeholder and help line (an inferred width that changed). */
  setHint(placeholder: string | undefined, help: string): void;
}

export function numberField(options: NumberFieldOptions): NumberField {
  const inputId = nextFieldId(`field-${options.name}`);
  const messageId = `${inputId}-message`;
  const input = h('input', {
    className: 'field-input',
    attrs: {
      id: inputId,
      type: 'number',
      name: options.name,
      min: options.min,
      max: options.max,
      step: options.step ?? (options.kind === 'integer' ? 1 : 'any'),
      placeholder: options.defaultValue !== undefined ? String(options.defaultValue) : undefined,
      required: options.required,
      'aria-describedby': messageId,
    },
  });
  const message = h('div', { className: 'field-message', attrs: { id: messageId, 'aria-live': 'polite' } });
  let help = options.help ?? '';

  const check = (): { valid: boolean; value: number | undefined } => {
    const text = input.value.trim();
    if (text === '') {
      if (options.required) return fail(`${options.label} is required`);
      return pass(undefined);
    }
    const value = Number(text);
    const range: NumberRange = { ...options, integer: options.kind === 'integer' };
    return fitsRange(range, value) ? pass(value) : fail(`${options.label} must be ${describeRange(range)}`);
  };
  const fail = (text: string) => {
    input.setAttribute('aria-invalid', 'true');
    message.textContent = text;
    message.classList.add('invalid');
    return { valid: false, value: undefined };
  };
  const pass = (value: number | undefined) => {
    input.removeAttribute('aria-invalid');
    message.textContent = help;
    message.classList.remove('invalid');
    return { valid: true, value };
  };

  const value = new DocumentValue(options.value, input);
  input.addEventListener('input', () => check());
  input.addEventListener('change', () => {
    const result = check();
    if (result.valid && result.value !== value.committed) {
      value.commit(result.value);
      options.onCommit(result.value);
    }
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') input.dispatchEvent(new Event('change'));
  });

  const show = (shown: number | undefined) => {
    input.value = shown === undefined ? '' : String(shown);
    check();
  };
  const update = (next: number | undefined) => {
    if (value.arrived(next)) show(next);
  };
  show(options.value);

  const setHint = (placeholder: string | undefined, text: string) => {
    if (placeholder === undefined) input.removeAttribute('placeholder');
    else input.setAttribute('placeholder', placeholder);
    help = text;
    if (!message.classList.contains('invalid')) message.textContent = help;
  };

  const element = h('div', { className: 'field', dataset: { field: options.name } }, [
    h('label', { attrs: { for: inputId }, text: options.label }),
    input,
    message,
  ]);
  return { element, update, setHint };
}

/** A per-axis setting as the field shows it: "3" for one number, "3, 5" for [height, width]. */
function axesText(value: unknown): string {
  if (typeof value === 'number') return String(value);
  return isAxisPair(value) ? `${value[0]}, ${value[1]}` : '';
}

/**
 * The field of a per-axis setting (a Conv2D's kernelSize, stride or padding): one number for both axes, or two for
 * [height, width], written "3" or "3, 5".
 */
function axesField(name: string, setting: NumberSetting, value: unknown, onCommit: (value: JsonValue | undefined) => void): Field<never> {
  const inputId = nextFieldId(`field-${name}`);
  const messageId = `${inputId}-message`;
  const input = h('input', {
    className: 'field-input',
    attrs: {
      id: inputId, type: 'text', inputmode: 'numeric', name, spellcheck: 'false', required: setting.required,
      placeholder: setting.default !== undefined ? String(setting.default) : undefined, 'aria-describedby': messageId,
    },
  });
  const help = `${settingHelp(setting)} Two numbers, "height, width", set each axis.`;
  const message = h('div', { className: 'field-message', attrs: { id: messageId, 'aria-live': 'polite' }, text: help });
  const range: NumberRange = { ...setting, integer: setting.kind === 'integer' };
  const check = (): { valid: boolean; value?: number | [number, number] } => {
    const parts = input.value.split(/[\s,×x]+/).filter((part) => part !== '');
    const numbers = parts.map(Number);
    let problem: string | undefined;
    if (parts.length === 0 && setting.required) problem = `${setting.label} is required`;
    else if (parts.length > 2) problem = `${setting.label} takes one number, or two for height and width`;
    else if (!numbers.every((number) => fitsRange(range, number))) problem = `${setting.label} must be ${describeRange(range)}`;
    input.toggleAttribute('aria-invalid', problem !== undefined);
    message.textContent = problem ?? help;
    message.classList.toggle('invalid', problem !== undefined);
    if (problem !== undefined) return { valid: false };
    return { valid: true, value: numbers.length === 0 ? undefined : numbers.length === 1 ? numbers[0] : [numbers[0], numbers[1]] };
  };
  const shown = new DocumentValue(axesText(value), input);
  const show = (text: string) => {
    input.value = text;
    check();
  };
  input.addEventListener('input', () => check());
  input.addEventListener('change', () => {
    const result = check();
    if (result.valid && axesText(result.value) !== shown.committed) {
      shown.commit(axesText(result.value));
      onCommit(result.value);
    }
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') input.dispatchEvent(new Event('change'));
  });
  show(axesText(value));
  const element = h('div', { className: 'field', dataset: { field: name } }, [h('label', { attrs: { for: inputId }, text: setting.label }), input, message]);
  return { element, update: (next: unknown) => { if (shown.arrived(axesText(next))) show(axesText(next)); } } as Field<never>;
}

export interface TextFieldOptions {
  name: string;
  label: string;
  value: string;
  help?: string;
  /** A text area: Enter starts a new line, leaving the field commits. */
  multiline?: boolean;
  /** Returns the problem with the text, or undefined when it is acceptable. */
  validate(text: string): string | undefined;
  onCommit(value: string): void;
}

export function textField(options: TextFieldOptions): Field<string> {
  const inputId = nextFieldId(`field-${options.name}`);
  const messageId = `${inputId}-message`;
  const attrs = { id: inputId, name: options.name, spellcheck: 'false', 'aria-describedby': messageId };
  const input = options.multiline
    ? h('textarea', { className: 'field-input', attrs: { ...attrs, rows: 2 } })
    : h('input', { className: 'field-input', attrs: { ...attrs, type: 'text' } });
  const message = h('div', { className: 'field-message', attrs: { id: messageId, 'aria-live': 'polite' } });
  const value = new DocumentValue(options.value, input);
  const check = (): boolean => {
    const problem = options.validate(input.value);
    if (problem) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    message.textContent = problem ?? options.help ?? '';
    message.classList.toggle('invalid', problem !== undefined);
    return problem === undefined;
  };
  input.addEventListener('input', () => check());
  input.addEventListener('change', () => {
    if (check() && input.value !== value.committed) {
      value.commit(input.value);
      options.onCommit(input.value);
    }
  });
  if (!options.multiline) {
    (input as HTMLElement).addEventListener('keydown', (event) => {
      if (event.key === 'Enter') input.dispatchEvent(new Event('change'));
    });
  }
  const show = (shown: string) => {
    input.value = shown;
    check();
  };
  show(options.value);
  return {
    element: h('div', { className: 'field', dataset: { field: options.name } }, [h('label', { attrs: { for: inputId }, text: options.label }), input, message]),
    update: (next) => {
      if (value.arrived(next)) show(next);
    },
  };
}

export interface SelectFieldOptions {
  name: string;
  label: string;
  choices: { value: string; label: string }[];
  value: string;
  help?: string;
  onCommit(value: string): void;
}

export function selectField(options: SelectFieldOptions): Field<string> & { setChoices(choices: { value: string; label: string }[]): void } {
  const selectId = nextFieldId(`field-${options.name}`);
  const select = h('select', { className: 'field-input', attrs: { id: selectId, name: options.name } });
  const setChoices = (choices: { value: string; label: string }[]) => {
    select.replaceChildren(...choices.map((choice) => h('option', { attrs: { value: choice.value }, text: choice.label })));
  };
  setChoices(options.choices);
  select.addEventListener('change', () => options.onCommit(select.value));
  const update = (value: string) => {
    if (![...select.options].some((option) => option.value === value)) {
      select.append(h('option', { attrs: { value }, text: value }));
    }
    select.value = value;
  };
  update(options.value);
  const children: HTMLElement[] = [h('label', { attrs: { for: selectId }, text: options.label }), select];
  if (options.help) children.push(h('div', { className: 'field-message', text: options.help }));
  return { element: h('div', { className: 'field', dataset: { field: options.name } }, children), update, setChoices };
}

export interface CheckboxFieldOptions {
  name: string;
  label: string;
  value: boolean;
  onCommit(value: boolean): void;
}

/** A `vscode-checkbox` (it is form-associated and keyboard operable, with its own label). */
export function checkboxField(options: CheckboxFieldOptions): Field<boolean> {
  const checkbox = h('vscode-checkbox', { attrs: { name: options.name, label: options.label } }) as HTMLElement & { checked: boolean };
  checkbox.addEventListener('change', () => options.onCommit(checkbox.checked));
  const update = (value: boolean) => {
    checkbox.checked = value;
  };
  update(options.value);
  return { element: h('div', { className: 'field field-checkbox', dataset: { field: options.name } }, [checkbox]), update };
}

/** The help line of a setting described in src/registry/: what it is, and the values it takes. */
export function settingHelp(setting: AnySetting): string {
  return isNumberSetting(setting) ? `${sentence(setting.description)}: ${settingExpectation(setting)}.` : `${sentence(setting.description)}.`;
}

/** The control of a setting without its formula (see settingField). */
function bareSettingField(
  name: string, setting: AnySetting, value: unknown, onCommit: (value: JsonValue | undefined) => void,
): Field<never> & Partial<Pick<NumberField, 'setHint'>> {
  if (setting.kind === 'boolean') {
    return checkboxField({ name, label: setting.label, value: typeof value === 'boolean' ? value : setting.default, onCommit }) as Field<never>;
  }
  if (setting.kind === 'choice') {
    return selectField({
      name, label: setting.label, choices: [...setting.choices], help: settingHelp(setting),
      value: typeof value === 'string' ? value : setting.default, onCommit,
    }) as Field<never>;
  }
  if (setting.perAxis) return axesField(name, setting, value, onCommit);
  return numberField({
    name, label: setting.label, kind: setting.kind,
    min: setting.min, max: setting.max, minExclusive: setting.minExclusive, maxExclusive: setting.maxExclusive,
    step: setting.step, defaultValue: setting.default, required: setting.required, help: settingHelp(setting),
    value: typeof value === 'number' ? value : undefined, onCommit,
  }) as NumberField & Field<never>;
}

/**
 * The form control named `name` of a setting described in src/registry/ (a layer's, an optimizer's or a training
 * control's): its label, range, step, default and help from the description, and its rule under it where it has
 * one (read with the control: aria-describedby). `value` is what the file states (undefined: left out).
 */
export function settingField(
  name: string, setting: AnySetting, value: unknown, onCommit: (value: JsonValue | undefined) => void,
): Field<never> & Partial<Pick<NumberField, 'setHint'>> {
  const field = bareSettingField(name, setting, value, onCommit);
  if (setting.formula !== undefined) {
    const formula = h('code', { className: 'formula', attrs: { id: nextFieldId(`formula-${name}`) }, text: setting.formula });
    field.element.append(formula);
    const control = field.element.querySelector('input, select, vscode-checkbox');
    control?.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), formula.id].filter(Boolean).join(' '));
  }
  return field;
}
