/**
 * The network as a vertical stack: input, one card per layer, output. Cards are a listbox with a roving
 * tab stop: arrows move focus, Alt+arrows move the layer, Delete removes, Ctrl+D duplicates, Ctrl+. goes to the
 * card's first fix, Insert (or +) jumps to the palette filter. Palette entries and cards can be dropped between
 * cards (a marker shows where).
 */
import type { Diagnostic } from '../../src/shared/diagnostics';
import type { LayerSpec, LayerType } from '../../src/shared/nnjson';
import type { LayerShape } from '../../src/model/shapes';
import type { FromWebview, LayerPlace } from '../../src/shared/webview-protocol';
import { incomingWidth, statedWidth, widthKey } from '../../src/model/layer-widths';
import { formatCount, shapeText } from '../../src/model/shapes';
import { layerSettingsText } from '../../src/model/summary';
import { layerDescriptor } from '../../src/registry/layers/index';
import { codicon, h, replaceChildren } from '../dom';
import type { BuilderStore } from '../store';
import { dataProblemRow, inputOrigin } from './data-fit-view';
import { fixButton } from './fix-button';
import { LAYER_TYPE_MIME } from './palette';
import { UNREADABLE_TEXT } from './unreadable-note';

const LAYER_ID_MIME = 'application/x-nnbuilder-layer-id';

export interface NetworkActions {
  post(message: FromWebview): void;
  focusPalette(): void;
  /** Pictures shown in a layer's card under its title (the neuron pictures), if any. */
  layerPictures?(layerId: string): HTMLElement | null;
}

export class NetworkView {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly inputNode: HTMLElement;
  private readonly outputNode: HTMLElement;
  private readonly marker: HTMLElement;
  private readonly announcer: HTMLElement;
  private focusedId?: string;
  private dropIndex = -1;

  constructor(private readonly store: BuilderStore, private readonly actions: NetworkActions) {
    this.inputNode = h('div', { className: 'io-node input-node', attrs: { id: 'network-input', role: 'group' } });
    this.outputNode = h('div', { className: 'io-node output-node', attrs: { id: 'network-output' } });
    this.list = h('ul', {
      className: 'layer-list',
      attrs: {
        role: 'listbox',
        id: 'layer-list',
        'aria-label': 'Layers from input to output',
        'aria-describedby': 'network-keys',
      },
    });
    this.marker = h('li', { className: 'drop-marker', attrs: { 'aria-hidden': 'true' } });
    this.announcer = h('div', { className: 'visually-hidden', attrs: { 'aria-live': 'polite' } });
    this.element = h('section', { className: 'network panel', attrs: { 'aria-label': 'Network' } }, [
      h('h2', { className: 'panel-title', text: 'Network' }),
      this.inputNode,
      this.list,
      this.outputNode,
      h('p', {
        className: 'hint',
        attrs: { id: 'network-keys' },
        text: '↑/↓ focus · Alt+↑/↓ move · Delete remove · Ctrl+D duplicate · Ctrl+. fix · Insert add from palette (Esc back)',
      }),
      this.announcer,
    ]);
    this.list.addEventListener('dragover', (event) => this.onDragOver(event));
    this.list.addEventListener('dragleave', (event) => {
      if (!this.list.contains(event.relatedTarget as Node | null)) this.hideMarker();
    });
    this.list.addEventListener('drop', (event) => this.onDrop(event));
    this.list.addEventListener('keydown', (event) => this.onKey(event));
    window.addEventListener('resize', () => this.placeSettings());
    void document.fonts?.ready.then(() => this.placeSettings());
    this.list.addEventListener('focusin', (event) => {
      const card = (event.target as HTMLElement).closest<HTMLElement>('.layer-card');
      if (card?.dataset.layerId) {
        this.focusedId = card.dataset.layerId;
        this.updateTabStops();
        this.store.select(card.dataset.layerId);
      }
    });
  }

  render(): void {
    const state = this.store.document;
    const model = state?.model;
    const shapes = state?.shapes;
    const hadFocus = this.list.contains(document.activeElement);
    const origin = model ? inputOrigin(model, this.store.data) : undefined;
    const inputProblem = this.store.dataProblemAt(['input', model?.input.shape !== undefined ? 'shape' : 'size']);
    const inputText = model ? (model.input.shape !== undefined ? `${shapeText(model.input.shape)} image` : `${model.input.size} features`) : undefined;
    replaceChildren(this.inputNode, [
      codicon('arrow-small-right'),
      h('span', { className: 'io-label', text: 'Input' }),
      h('span', { className: 'io-width', text: inputText ?? '—' }),
      origin ? h('span', { className: `io-origin${origin.problem ? ' error-text' : ''}`, text: origin.text }) : null,
      inputProblem ? dataProblemRow(inputProblem, this.actions.post) : null,
    ]);
    this.inputNode.classList.toggle('has-error', inputProblem !== undefined);
    this.inputNode.setAttribute('aria-label', inputText ? `Input: ${inputText} ${origin?.text ?? ''}`.trim() : 'Input');
    const outputProblem = this.store.dataProblemAt(['layers']);
    replaceChildren(this.outputNode, [
      codicon('target'),
      h('span', { className: 'io-label', text: 'Output' }),
      // "10 wide" for features; an image's C×H×W, or "?" where a layer's problem leaves the shape unknown
      h('span', { className: 'io-width', text: shapes ? (shapes.outputShape?.length === 1 ? `${shapes.outputWidth} wide` : shapeText(shapes.outputShape)) : '—' }),
      model ? h('span', { className: 'io-detail', text: `${model.loss.type} loss` }) : null,
      outputProblem ? dataProblemRow(outputProblem, this.actions.post) : null,
    ]);
    this.outputNode.classList.toggle('has-error', outputProblem !== undefined);
    const layers = model?.layers ?? [];
    if (this.focusedId && !layers.some((layer) => layer.id === this.focusedId)) this.focusedId = this.store.selectedId;
    if (!this.focusedId || !layers.some((layer) => layer.id === this.focusedId)) this.focusedId = layers[0]?.id;
    const diagnostics = state?.diagnostics ?? [];
    const cards = layers.map((layer, index) => this.card(layer, index, shapes?.layers[index], diagnostics));
    if (layers.length === 0) {
      cards.push(h('li', {
        className: 'empty-network',
        attrs: { role: 'option', 'aria-disabled': 'true', 'aria-selected': 'false' },
        text: model ? 'No layers yet: drag one from the palette, click it, or type its name in the palette filter.' : UNREADABLE_TEXT,
      }));
    }
    replaceChildren(this.list, cards);
    this.placeSettings();
    this.updateTabStops();
    if (hadFocus) this.focusCard(this.focusedId);
  }

  private card(layer: LayerSpec, index: number, shape: LayerShape | undefined, diagnostics: Diagnostic[]): HTMLElement {
    const descriptor = layerDescriptor(layer.type);
    const selected = layer.id === this.store.selectedId;
    const key = widthKey(layer.type);
    // a layer that leaves its width out follows the width coming in, so only a stated width can mismatch
    const declaredIn = statedWidth(layer);
    const incoming = incomingWidth(shape?.widthShape);
    const mismatch = shape !== undefined && declaredIn !== undefined && incoming !== undefined && declaredIn !== incoming &&
      !diagnostics.some((d) => d.code === 'input-shape' && d.segments[1] === index);
    const problems = diagnostics.filter(
      (d) => d.segments[0] === 'layers' && d.segments[1] === index && d.severity !== 'info' && !(mismatch && d.code === 'width-mismatch'),
    );
    const dataProblem = key === 'in' ? this.store.dataProblemAt(['layers', index, 'out']) : undefined;
    const settings = shape ? layerSettingsText(layer, shape.widthShape) : '';
    // not known after a layer with a problem (NaN, which the message to the webview carries as null)
    const parameters = shape && Number.isFinite(shape.parameterCount) ? formatCount(shape.parameterCount) : '?';
    const label = [
      `${layer.type} ${layer.id}`,
      settings,
      shape ? (shape.outputShape !== undefined && shape.outputShape.length > 1 ? `output shape ${shapeText(shape.outputShape)}` : `output width ${shape.outputWidth}`) : '',
      shape ? `${parameters} parameters` : '',
      mismatch ? `width mismatch: declares ${declaredIn}, receives ${incoming}` : '',
      problems.length ? `${problems.length} problem${problems.length > 1 ? 's' : ''}` : '',
      dataProblem ? dataProblem.message : '',
    ].filter(Boolean).join(', ');

    const card = h('li', {
      className: `layer-card${selected ? ' selected' : ''}${mismatch || dataProblem || problems.some((p) => p.severity === 'error') ? ' has-error' : ''}`,
      attrs: {
        role: 'option',
        id: `layer-card-${index}`,
        tabindex: -1,
        draggable: this.store.editable ? 'true' : 'false',
        'aria-selected': selected ? 'true' : 'false',
        'aria-label': label,
        'aria-keyshortcuts': 'Alt+ArrowUp Alt+ArrowDown Delete Control+D Control+. Insert',
      },
      dataset: { layerId: layer.id, index: String(index), layerType: layer.type },
    }, [
      h('div', { className: 'card-main' }, [
        codicon(descriptor.codicon),
        h('span', { className: 'card-type', text: layer.type }),
        h('span', { className: 'card-id', attrs: { title: layer.id }, text: layer.id }),
        settings ? h('span', { className: 'card-settings', attrs: { title: settings }, text: settings }) : null,
        h('span', { className: 'card-width', attrs: { title: 'Output width' }, text: shape ? `→ ${shapeText(shape.outputShape)}` : '' }),
        h('span', { className: 'card-params', attrs: { title: 'Parameters' }, text: shape ? `${parameters} params` : '' }),
        this.cardActions(layer.id, index),
      ]),
      this.actions.layerPictures?.(layer.id),
      mismatch && key && incoming !== undefined ? h('div', { className: 'card-problem severity-error' }, [
        codicon('error'),
        h('span', { text: `${layer.id}.${key} is ${declaredIn} but ${incoming} come in` }),
        fixButton('fix-width', `Set ${key} to ${incoming}`, () => this.actions.post({ type: 'setLayerValue', id: layer.id, key, value: incoming }),
          `set ${layer.id}.${key} to ${incoming}`),
      ]) : null,
      ...problems.map((problem) => this.problemRow(layer.id, problem)),
      dataProblem ? dataProblemRow(dataProblem, this.actions.post) : null,
    ]);
    card.addEventListener('click', () => {
      this.focusedId = layer.id;
      card.focus();
      this.store.select(layer.id);
    });
    card.addEventListener('dragstart', (event) => {
      if (!event.dataTransfer) return;
      event.dataTransfer.setData(LAYER_ID_MIME, layer.id);
      event.dataTransfer.setData('text/plain', layer.id);
      event.dataTransfer.effectAllowed = 'move';
      card.classList.add('dragging');
    });
    card.addEventListener('dragend', () => {
      card.classList.remove('dragging');
      this.hideMarker();
    });
    return card;
  }

  /** A problem of layer `id`, with its fixes as buttons (the host finds the fix again on the text as it is then). */
  private problemRow(id: string, problem: Diagnostic): HTMLElement {
    return h('div', { className: `card-problem severity-${problem.severity}`, dataset: { code: problem.code } }, [
      codicon(problem.severity === 'error' ? 'error' : 'warning'),
      h('span', { className: 'card-problem-message', text: problem.message }),
      ...(problem.data?.fixes ?? []).map(({ title }) => fixButton('fix-layer', title, () => this.actions.post({ type: 'fixLayer', id, title }))),
    ]);
  }

  /**
   * A card's settings text that its column cannot hold ("16 → 32, 3×3, padding 1" beside a long shape in a narrow
   * editor) goes to a line of its own under the layer's name, where it wraps rather than being cut. The column's
   * width does not depend on what it holds (minmax(0, 1fr)), so one measuring pass finds every such card.
   */
  private placeSettings(): void {
    const settings = [...this.list.querySelectorAll<HTMLElement>('.card-settings')];
    for (const element of settings) element.classList.remove('below');
    const cut = settings.filter((element) => element.scrollWidth > element.clientWidth);
    for (const element of cut) element.classList.add('below');
  }

  /** Selection changed: update the cards in place (rebuilding them would cancel a drag or a click in progress). */
  updateSelection(): void {
    for (const card of this.cards()) {
      const selected = card.dataset.layerId === this.store.selectedId;
      card.classList.toggle('selected', selected);
      card.setAttribute('aria-selected', selected ? 'true' : 'false');
    }
  }

  private cardActions(id: string, index: number): HTMLElement {
    const count = this.store.layers.length;
    const action = (icon: string, title: string, disabled: boolean, message: () => FromWebview) => h('button', {
      className: 'icon-button',
      attrs: { type: 'button', title, 'aria-label': title, tabindex: -1, disabled },
      on: {
        click: (event) => {
          event.stopPropagation();
          this.actions.post(message());
        },
      },
    }, [codicon(icon)]);
    return h('span', { className: 'card-actions' }, [
      action('arrow-up', 'Move up (Alt+Up)', index === 0, () => ({ type: 'moveLayer', id, by: -1 })),
      action('arrow-down', 'Move down (Alt+Down)', index === count - 1, () => ({ type: 'moveLayer', id, by: 1 })),
      action('copy', 'Duplicate (Ctrl+D)', false, () => {
        this.store.selectNextNewLayer();
        return { type: 'duplicateLayer', id };
      }),
      action('trash', 'Remove (Delete)', false, () => ({ type: 'removeLayer', id })),
    ]);
  }

  private cards(): HTMLElement[] {
    return [...this.list.querySelectorAll<HTMLElement>('.layer-card')];
  }

  private updateTabStops(): void {
    const cards = this.cards();
    const focusable = cards.find((card) => card.dataset.layerId === this.focusedId) ?? cards[0];
    for (const card of cards) card.tabIndex = card === focusable ? 0 : -1;
  }

  /** Focuses the selected layer's card (the first one when none is selected). */
  focusSelected(): void {
    const cards = this.cards();
    const selected = cards.find((card) => card.dataset.layerId === this.store.selectedId) ?? cards[0];
    if (!selected) return;
    this.focusedId = selected.dataset.layerId;
    this.updateTabStops();
    selected.focus();
  }

  private focusCard(id: string | undefined): void {
    const card = this.cards().find((candidate) => candidate.dataset.layerId === id);
    card?.focus();
  }

  private focusIndex(index: number): void {
    const cards = this.cards();
    const card = cards[Math.max(0, Math.min(cards.length - 1, index))];
    if (!card) return;
    this.focusedId = card.dataset.layerId;
    this.updateTabStops();
    card.focus();
  }

  private onKey(event: KeyboardEvent): void {
    const card = (event.target as HTMLElement).closest<HTMLElement>('.layer-card');
    if (!card || event.target !== card) return;
    const index = Number(card.dataset.index);
    const id = card.dataset.layerId ?? '';
    const count = this.cards().length;
    const editable = this.store.editable;
    const ctrl = event.ctrlKey || event.metaKey;
    let handled = true;
    if (event.altKey && event.key === 'ArrowUp') {
      if (editable && index > 0) {
        this.actions.post({ type: 'moveLayer', id, by: -1 });
        this.announcer.textContent = `Moved ${id} up`;
      }
    } else if (event.altKey && event.key === 'ArrowDown') {
      if (editable && index < count - 1) {
        this.actions.post({ type: 'moveLayer', id, by: 1 });
        this.announcer.textContent = `Moved ${id} down`;
      }
    } else if (event.key === 'ArrowUp') {
      this.focusIndex(index - 1);
    } else if (event.key === 'ArrowDown') {
      this.focusIndex(index + 1);
    } else if (event.key === 'Home') {
      this.focusIndex(0);
    } else if (event.key === 'End') {
      this.focusIndex(count - 1);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      if (editable) {
        // focus moves on at once, so a second Delete before the document comes back removes the next layer
        const next = this.cards()[index + 1] ?? this.cards()[index - 1];
        this.focusedId = next?.dataset.layerId;
        this.store.select(this.focusedId);
        card.remove();
        this.updateTabStops();
        next?.focus();
        this.actions.post({ type: 'removeLayer', id });
        this.announcer.textContent = `Removed ${id}`;
      }
    } else if (ctrl && (event.key === 'd' || event.key === 'D')) {
      if (editable) {
        this.store.selectNextNewLayer();
        this.actions.post({ type: 'duplicateLayer', id });
      }
    } else if (ctrl && event.key === '.') {
      // as Ctrl+. opens the quick fixes in the text editor: Tab goes on to the card's other fixes
      card.querySelector<HTMLElement>('.fix-button')?.focus();
    } else if (event.key === 'Insert' || event.key === '+') {
      this.actions.focusPalette();
    } else {
      handled = false;
    }
    if (handled) {
      event.preventDefault();
      // Keep VS Code's own keybindings (Ctrl+D = add selection to next match) from also acting on this key.
      event.stopPropagation();
    }
  }

  /** Where a drop at clientY lands: the number of cards whose middle is above it. */
  private indexAt(clientY: number): number {
    let index = 0;
    for (const card of this.cards()) {
      const rect = card.getBoundingClientRect();
      if (clientY > rect.top + rect.height / 2) index += 1;
    }
    return index;
  }

  private onDragOver(event: DragEvent): void {
    const types = event.dataTransfer?.types ?? [];
    const isPalette = types.includes(LAYER_TYPE_MIME);
    const isMove = types.includes(LAYER_ID_MIME);
    if (!this.store.editable || (!isPalette && !isMove)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = isPalette ? 'copy' : 'move';
    const index = this.indexAt(event.clientY);
    if (index === this.dropIndex && this.marker.isConnected) return;
    this.dropIndex = index;
    const cards = this.cards();
    const before = cards[index];
    if (before) this.list.insertBefore(this.marker, before);
    else this.list.append(this.marker);
  }

  private hideMarker(): void {
    this.marker.remove();
    this.dropIndex = -1;
  }

  private onDrop(event: DragEvent): void {
    const transfer = event.dataTransfer;
    if (!transfer || !this.store.editable) return;
    event.preventDefault();
    const index = this.indexAt(event.clientY);
    this.hideMarker();
    const before = this.cards()[index]?.dataset.layerId;
    const place: LayerPlace = before === undefined ? { at: 'end' } : { before };
    const type = transfer.getData(LAYER_TYPE_MIME);
    if (type) {
      this.store.selectNextNewLayer();
      this.actions.post({ type: 'insertLayer', layerType: type as LayerType, place, via: 'drag' });
      return;
    }
    const id = transfer.getData(LAYER_ID_MIME);
    if (id !== '' && id !== before) this.actions.post({ type: 'placeLayer', id, place });
  }
}
