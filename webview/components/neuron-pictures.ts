/**
 * The neuron pictures: for a two-input classifier, what each hidden unit computes over the input plane, as a small
 * heatmap in its layer's card (TensorFlow Playground's neurons). They come with the decision-boundary grid: the
 * run's while it trains (so they update as often as the boundary does) or the one the insight panel computes from
 * the file's weights. Blue is positive, orange negative, the theme's chart colours; hovering a picture enlarges it,
 * and a focused card shows its pictures bigger.
 */
import type { DecisionBoundary, LayerActivations } from '../../src/shared/training-events';
import { drawTensorImage, type SignColors } from '../charts/image-canvas';
import { readThemeColors, rgbOf } from '../charts/theme-colors';
import { formatNumber, h, replaceChildren } from '../dom';
import '../styles/neuron-pictures.css';

export class NeuronPictures {
  /** One strip per layer id, kept while the network view rebuilds its cards. */
  private readonly strips = new Map<string, HTMLElement>();
  private boundary?: DecisionBoundary;

  /** The strip of pictures for the card of `layerId`; hidden while there is no grid with that layer. */
  strip(layerId: string): HTMLElement {
    let strip = this.strips.get(layerId);
    if (!strip) {
      strip = h('div', { className: 'neuron-strip', attrs: { role: 'group', hidden: true }, dataset: { layerId } });
      this.strips.set(layerId, strip);
      this.draw(strip, layerId);
    }
    return strip;
  }

  /** The grid the decision boundary is drawn from (undefined: none), or the same again after a theme change. */
  show(boundary: DecisionBoundary | undefined): void {
    this.boundary = boundary;
    for (const [layerId, strip] of this.strips) {
      // a removed layer's strip is no longer in any card
      if (!strip.isConnected) this.strips.delete(layerId);
      else this.draw(strip, layerId);
    }
  }

  private draw(strip: HTMLElement, layerId: string): void {
    const grid = this.boundary;
    const layer = grid?.layers?.find((candidate) => candidate.layerId === layerId);
    strip.hidden = !grid || !layer || layer.units.length === 0;
    if (!grid || !layer || strip.hidden) {
      replaceChildren(strip, []);
      return;
    }
    const [across, up] = grid.featureNames;
    strip.setAttribute('aria-label', `What each unit of ${layerId} computes over ${across} (across) and ${up} (up)`);
    let canvases = [...strip.querySelectorAll<HTMLCanvasElement>('canvas.neuron-picture')];
    // the same canvases while a run redraws them, so a picture under the pointer stays enlarged
    if (canvases.length !== layer.units.length) {
      canvases = layer.units.map((_, unit) => h('canvas', { className: 'neuron-picture', attrs: { role: 'img' }, dataset: { unit: String(unit) } }));
      replaceChildren(strip, [...canvases, moreNote(layer)]);
    }
    const colors = signColors(canvases[0]);
    const n = grid.resolution;
    layer.units.forEach((unit, index) => {
      const canvas = canvases[index];
      drawTensorImage(canvas, topRowFirst(unit.values, n), [1, n, n], { range: { min: -1, max: 1 }, signed: colors });
      canvas.setAttribute('aria-label', `${layerId} unit ${index + 1} over ${across} and ${up}: largest activation ${formatNumber(unit.scale, 3)}; blue where positive, orange where negative`);
    });
  }
}

function moreNote(layer: LayerActivations): HTMLElement | null {
  if (layer.width <= layer.units.length) return null;
  return h('span', { className: 'hint neuron-more', text: `first ${layer.units.length} of ${layer.width} units` });
}

function signColors(canvas: HTMLCanvasElement): SignColors {
  const context = canvas.getContext('2d');
  if (!context) throw new Error('2-D canvas unavailable');
  const { charts } = readThemeColors();
  return { negative: rgbOf(context, charts.orange), positive: rgbOf(context, charts.blue) };
}

/** Grid row 0 is the lowest value of the vertical feature; image row 0 is the top. */
function topRowFirst(values: readonly number[], resolution: number): Float32Array {
  const flipped = new Float32Array(values.length);
  for (let j = 0; j < resolution; j++) flipped.set(values.slice(j * resolution, (j + 1) * resolution), (resolution - 1 - j) * resolution);
  return flipped;
}
