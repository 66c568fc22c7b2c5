/**
 * The palette: the layer types of src/registry/ in their groups, with explanation and formula on hover and focus. Drag an entry onto the
 * network, click it to append, or type its name in the filter and press Enter to insert after the selection.
 */
import type { LayerType } from '../../src/shared/nnjson';
import { codicon, h } from '../dom';
import { PALETTE_GROUPS, type LayerDescriptor } from '../../src/registry/layer-descriptor';
import { LAYER_DESCRIPTORS } from '../../src/registry/layers/index';

export const LAYER_TYPE_MIME = 'application/x-nnbuilder-layer-type';

type PaletteEntry = LayerDescriptor<LayerType>;
const ENTRIES: readonly PaletteEntry[] = LAYER_DESCRIPTORS;

/** The palette entries whose name starts with (then contains) the query, best match first. */
export function matchLayerTypes(query: string): PaletteEntry[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...ENTRIES];
  const starts = ENTRIES.filter((entry) => entry.type.toLowerCase().startsWith(q));
  const contains = ENTRIES.filter(
    (entry) => !starts.includes(entry) && [entry.type.toLowerCase(), entry.explanation.toLowerCase(), ...(entry.aliases ?? [])].some((text) => text.includes(q)),
  );
  return [...starts, ...contains];
}

export interface PaletteActions {
  append(type: LayerType): void;
  insertAfterSelection(type: LayerType): void;
  /** Escape on an empty filter hands focus back to the network's selected layer (the one just inserted). */
  returnToNetwork(): void;
}

export class Palette {
  readonly element: HTMLElement;
  readonly filter: HTMLInputElement;
  private readonly entries = new Map<LayerType, HTMLButtonElement>();
  private readonly status: HTMLElement;

  constructor(private readonly actions: PaletteActions) {
    this.filter = h('input', {
      className: 'palette-filter field-input',
      attrs: {
        type: 'search',
        id: 'palette-filter',
        placeholder: 'Insert layer by name…',
        'aria-label': 'Insert layer by name: type a layer type and press Enter',
        'aria-controls': 'palette-groups',
        autocomplete: 'off',
        spellcheck: 'false',
      },
    });
    this.status = h('div', { className: 'visually-hidden', attrs: { 'aria-live': 'polite', id: 'palette-status' } });
    this.filter.addEventListener('input', () => this.applyFilter());
    this.filter.addEventListener('keydown', (event) => this.onFilterKey(event));

    const groups = PALETTE_GROUPS.map((group) => {
      const headingId = `palette-group-${group}`;
      const entries = ENTRIES.filter((info) => info.group === group).map((info) => this.entry(info));
      return h('div', { className: 'palette-group', attrs: { role: 'group', 'aria-labelledby': headingId } }, [
        h('h3', { className: 'palette-group-title', attrs: { id: headingId }, text: group }),
        ...entries,
      ]);
    });
    this.element = h('aside', { className: 'palette panel', attrs: { 'aria-label': 'Layer palette' } }, [
      h('h2', { className: 'panel-title', text: 'Palette' }),
      this.filter,
      this.status,
      h('div', { attrs: { id: 'palette-groups' } }, groups),
    ]);
  }

  setEnabled(enabled: boolean): void {
    this.filter.disabled = !enabled;
    for (const button of this.entries.values()) {
      button.disabled = !enabled;
      button.draggable = enabled;
    }
  }

  focusFilter(): void {
    this.filter.focus();
    this.filter.select();
  }

  private entry(info: PaletteEntry): HTMLButtonElement {
    const tooltipId = `palette-tip-${info.type}`;
    const button = h('button', {
      className: 'palette-entry',
      attrs: {
        type: 'button',
        draggable: 'true',
        'aria-describedby': tooltipId,
        'aria-label': `${info.type}: click to append, or drag onto the network`,
      },
      dataset: { layerType: info.type },
    }, [
      codicon(info.codicon),
      h('span', { className: 'palette-entry-name', text: info.type }),
      h('span', { className: 'tooltip', attrs: { role: 'tooltip', id: tooltipId } }, [
        h('span', { className: 'tooltip-description', text: info.explanation }),
        h('code', { className: 'tooltip-formula', text: info.formula }),
      ]),
    ]);
    button.addEventListener('click', () => this.actions.append(info.type));
    button.addEventListener('keydown', (event) => this.onEntryKey(event, button));
    button.addEventListener('dragstart', (event) => {
      if (!event.dataTransfer) return;
      event.dataTransfer.setData(LAYER_TYPE_MIME, info.type);
      event.dataTransfer.setData('text/plain', info.type);
      event.dataTransfer.effectAllowed = 'copy';
    });
    this.entries.set(info.type, button);
    return button;
  }

  /** Up and down move between the visible entries; up from the first returns to the filter. */
  private onEntryKey(event: KeyboardEvent, button: HTMLButtonElement): void {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const visible = [...this.entries.values()].filter((entry) => !entry.hidden);
    const index = visible.indexOf(button);
    const next = event.key === 'ArrowDown' ? visible[index + 1] : visible[index - 1];
    event.preventDefault();
    if (next) next.focus();
    else if (event.key === 'ArrowUp') this.filter.focus();
  }

  private applyFilter(): void {
    const matches = matchLayerTypes(this.filter.value);
    for (const [type, button] of this.entries) {
      const hidden = !matches.some((info) => info.type === type);
      button.hidden = hidden;
      button.classList.toggle('best-match', this.filter.value.trim() !== '' && matches[0]?.type === type);
    }
    this.status.textContent = this.filter.value.trim()
      ? matches.length > 0 ? `${matches.length} matching; Enter inserts ${matches[0].type}` : 'No layer type matches'
      : '';
  }

  private onFilterKey(event: KeyboardEvent): void {
    if (event.key === 'Enter') {
      const best = matchLayerTypes(this.filter.value)[0];
      if (best && this.filter.value.trim() !== '') {
        event.preventDefault();
        this.actions.insertAfterSelection(best.type);
        this.filter.value = '';
        this.applyFilter();
        this.status.textContent = `Inserted ${best.type}; type another name, or press Escape to return to the network`;
      }
    } else if (event.key === 'Escape') {
      // Without this way back, a keyboard user who inserted by name had to Tab through every palette entry to
      // reach the new layer and move it.
      event.preventDefault();
      if (this.filter.value === '') this.actions.returnToNetwork();
      this.filter.value = '';
      this.applyFilter();
    } else if (event.key === 'ArrowDown') {
      const first = [...this.entries.values()].find((button) => !button.hidden);
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  }
}
