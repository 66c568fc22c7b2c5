/** A small element factory: no HTML strings, so nothing user-supplied is ever parsed as markup. */

type Child = Node | string | number | null | undefined | false;
type AttributeValue = string | number | boolean | null | undefined;

export interface ElementOptions {
  className?: string;
  text?: string;
  attrs?: Record<string, AttributeValue>;
  /** Properties assigned directly (value, checked, ...). */
  props?: Record<string, unknown>;
  on?: { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
  dataset?: Record<string, string>;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, options?: ElementOptions, children?: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, options?: ElementOptions, children?: Child[]): HTMLElement;
export function h(tag: string, options: ElementOptions = {}, children: Child[] = []): HTMLElement {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  if (options.text !== undefined) element.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [name, value] of Object.entries(options.props ?? {})) {
    (element as unknown as Record<string, unknown>)[name] = value;
  }
  for (const [name, value] of Object.entries(options.dataset ?? {})) element.dataset[name] = value;
  for (const [name, handler] of Object.entries(options.on ?? {})) {
    if (handler) element.addEventListener(name, handler as EventListener);
  }
  append(element, children);
  return element;
}

export function append(parent: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
}

export function codicon(name: string, label?: string): HTMLElement {
  return h('span', {
    className: `codicon codicon-${name}`,
    attrs: label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': 'true' },
  });
}

/** Replaces all children of `parent`. */
export function replaceChildren(parent: Element, children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

export function formatNumber(value: number | undefined, digits = 4): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e5)) return value.toExponential(2);
  return Number(value.toPrecision(digits)).toString();
}
