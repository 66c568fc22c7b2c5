/**
 * Inside a trained image model: the first convolution's filters, the feature maps of every convolution and pooling
 * layer for a held-out image the user picks, and the held-out images the model gets wrong. Every picture is drawn
 * with the one CHW drawer (charts/image-canvas.ts); where one is missing, a sentence says why.
 */
import type { Sequential } from '../../src/engine/index';
import { featureMaps, firstConvFilters, hasFeatureMapLayers, type ConvFilters, type FeatureMap } from '../../src/insight/conv-pictures';
import { networkForModel } from '../../src/model/network-state';
import type { HeldOutImages } from '../../src/shared/held-out-images';
import type { ImageSample } from '../../src/shared/image-samples';
import { TRAINING_DEFAULTS, type NnJsonModel } from '../../src/shared/nnjson';
import { drawTensorImage, valueRange } from '../charts/image-canvas';
import { h, replaceChildren } from '../dom';
import { HELD_OUT_ROWS } from './held-out-caption';
import { ImagePicker } from './image-picker';

/** The held-out images, or a sentence saying why there are none (yet); `error` when something went wrong. */
export type ImagesView = { images: HeldOutImages } | { message: string; error?: boolean };

function note(text: string, error = false): HTMLElement {
  return h('p', { className: error ? 'error-text' : 'hint', attrs: { role: 'status' }, text });
}

function tensorCanvas(label: string, dataset: Record<string, string>): HTMLCanvasElement {
  return h('canvas', { className: 'tensor-image', attrs: { role: 'img', 'aria-label': label }, dataset });
}

export class ImageInsight {
  readonly element: HTMLElement;
  private readonly filtersBody = h('div', { className: 'filters-body' });
  private readonly samplesBody = h('div', { className: 'samples-body' });
  private readonly mapsBody = h('div', { className: 'maps-body' });
  /** Says whose maps are shown; it stays in the page, so a screen reader hears each new pick. */
  private readonly mapsCaption = h('p', { className: 'hint', attrs: { id: 'feature-maps-caption', 'aria-live': 'polite' } });
  private readonly wrongBody = h('div', { className: 'misclassified-body' });
  private readonly samples = new ImagePicker('held-out-images', 'Held-out images: pick one to see its feature maps', (sample) => this.pick(sample));
  private readonly wrong = new ImagePicker('misclassified-images', 'Misclassified images: pick one to see its feature maps', (sample) => this.pick(sample));
  private model?: NnJsonModel;
  private view?: ImagesView;
  private network?: Sequential | { error: string };
  private pickedRow?: number;

  constructor() {
    const part = (className: string, title: string, ...body: HTMLElement[]) => h('div', { className: `image-part ${className}` }, [h('h3', { className: 'section-title', text: title }), ...body]);
    this.element = h('div', { className: 'image-insight', attrs: { id: 'image-insight', hidden: true } }, [
      part('filters', 'Filters', this.filtersBody),
      part('held-out', 'Held-out images', this.samplesBody),
      part('feature-maps', 'Feature maps', this.mapsCaption, this.mapsBody),
      part('misclassified', 'Misclassified images', this.wrongBody),
    ]);
  }

  /** Draws everything for `model` (hidden unless its input is an image) and its held-out images. */
  show(model: NnJsonModel, view: ImagesView): void {
    this.element.hidden = model.input.shape?.length !== 3;
    if (this.element.hidden) return;
    this.model = model;
    this.view = view;
    this.network = undefined;
    this.renderFilters(firstConvFilters(model));
    const images = 'images' in view ? view.images : undefined;
    // a pick stays while the images it is among are recomputed (new weights), and moves to the first when it is gone
    const all = images ? [...images.samples, ...images.misclassified] : undefined;
    if (all && !all.some((sample) => sample.row === this.pickedRow)) this.pickedRow = all[0]?.row;
    this.renderSamples(view);
    this.renderMisclassified(view);
    this.renderMaps();
  }

  private pick(sample: ImageSample): void {
    this.pickedRow = sample.row;
    this.samples.markPicked(sample.row);
    this.wrong.markPicked(sample.row);
    this.renderMaps();
  }

  private renderFilters(filters: ConvFilters | { missing: string }): void {
    if ('missing' in filters) {
      replaceChildren(this.filtersBody, [note(filters.missing)]);
      return;
    }
    const { layerId, outChannels, inChannels, kernel: [height, width], values } = filters;
    const size = inChannels * height * width;
    const colour = inChannels === 3;
    const groups = Array.from({ length: outChannels }, (_, filter) => {
      const offset = filter * size;
      // one range for all of a filter's input channels, so their weights compare
      const range = valueRange(values, offset, size);
      const channels = colour || inChannels === 1 ? [undefined] : Array.from({ length: inChannels }, (_, c) => c);
      const canvases = channels.map((channel) => {
        const where = channel === undefined ? '' : `, input channel ${channel + 1}`;
        const canvas = tensorCanvas(`Filter ${filter + 1} of ${layerId}${where}`, { filter: String(filter), channel: String(channel ?? (colour ? 'rgb' : 0)) });
        drawTensorImage(canvas, values, [inChannels, height, width], { offset, range, ...(channel === undefined ? {} : { channel }) });
        return canvas;
      });
      return canvases.length === 1 ? canvases[0] : h('div', { className: 'filter-group', attrs: { role: 'group', 'aria-label': `Filter ${filter + 1} of ${layerId}` } }, canvases);
    });
    const how = colour ? 'in colour (red, green, blue input channels)' : inChannels === 1 ? '' : `one image per input channel (${inChannels})`;
    replaceChildren(this.filtersBody, [
      h('p', { className: 'hint', text: `${outChannels} filters of ${layerId}, ${height}×${width}${how ? `, ${how}` : ''}; light is a high weight, dark a low one.` }),
      h('div', { className: 'tensor-grid', attrs: { id: 'conv-filters', 'data-layer-id': layerId } }, groups),
    ]);
  }

  private renderSamples(view: ImagesView): void {
    if (!('images' in view)) {
      replaceChildren(this.samplesBody, [note(view.message, view.error)]);
      return;
    }
    const { images } = view;
    if (images.samples.length === 0) {
      replaceChildren(this.samplesBody, [note('No rows were held out to show.')]);
      return;
    }
    const shown = images.samples.length < images.heldOut ? `the first ${images.samples.length} are shown` : 'all are shown';
    this.samples.show(images.shape, images.samples.map((sample) => ({
      sample, caption: sample.label ?? '', description: `Row ${sample.row + 1}${sample.label !== undefined ? `, ${sample.label}` : ''}`,
    })), this.pickedRow);
    replaceChildren(this.samplesBody, [
      h('p', { className: 'hint', text: `${HELD_OUT_ROWS[images.split]}: ${images.heldOut} images; ${shown}. Pick one to see its feature maps.` }),
      this.samples.element,
    ]);
  }

  private renderMisclassified(view: ImagesView): void {
    if (!('images' in view)) {
      replaceChildren(this.wrongBody, [note(view.message, view.error)]);
      return;
    }
    const { images } = view;
    if (images.wrong === 0) {
      replaceChildren(this.wrongBody, [note(`The model classifies all ${images.heldOut} held-out images correctly.`)]);
      return;
    }
    const shown = images.misclassified.length < images.wrong ? `; the first ${images.misclassified.length} are shown` : '';
    this.wrong.show(images.shape, images.misclassified.map((sample) => ({
      sample,
      caption: `${sample.label ?? '?'} → ${sample.predicted}`,
      description: `Row ${sample.row + 1}: true ${sample.label ?? 'unknown'}, predicted ${sample.predicted}`,
    })), this.pickedRow);
    replaceChildren(this.wrongBody, [
      h('p', { className: 'hint', text: `${HELD_OUT_ROWS[images.split]}: ${images.wrong} of ${images.heldOut} images misclassified${shown}. Each shows its true class → the predicted one.` }),
      this.wrong.element,
    ]);
  }

  private renderMaps(): void {
    const model = this.model;
    const view = this.view;
    if (!model || !view) return;
    this.mapsCaption.textContent = '';
    if (!hasFeatureMapLayers(model)) {
      replaceChildren(this.mapsBody, [note('The model has no Conv2D or pooling layer, so it has no feature maps to show.')]);
      return;
    }
    const images = 'images' in view ? view.images : undefined;
    const sample = images && [...images.samples, ...images.misclassified].find((image) => image.row === this.pickedRow);
    if (!images || !sample) {
      replaceChildren(this.mapsBody, [note('images' in view ? 'Pick a held-out image to see its feature maps.' : view.message, !('images' in view) && view.error)]);
      return;
    }
    const maps = this.mapsOf(model, sample);
    if ('error' in maps) {
      replaceChildren(this.mapsBody, [note(`The feature maps cannot be computed: ${maps.error}`, true)]);
      return;
    }
    const input = tensorCanvas(`Row ${sample.row + 1}${sample.label !== undefined ? `, ${sample.label}` : ''}`, {});
    drawTensorImage(input, sample.pixels, images.shape);
    this.mapsCaption.textContent = `Row ${sample.row + 1}${sample.label !== undefined ? ` (${sample.label})` : ''}: what each layer makes of it, one image per channel, light where it responds most.`;
    replaceChildren(this.mapsBody, [
      h('div', { className: 'feature-input' }, [input]),
      h('div', { className: 'feature-rows', attrs: { id: 'feature-maps', 'data-row': String(sample.row) } }, maps.map((map) => this.mapRow(map))),
    ]);
  }

  private mapsOf(model: NnJsonModel, sample: ImageSample): FeatureMap[] | { error: string } {
    try {
      this.network ??= networkForModel(model, model.training?.seed ?? TRAINING_DEFAULTS.seed);
      if ('error' in this.network) return this.network;
      return featureMaps(model, this.network, sample.pixels);
    } catch (error) {
      this.network = { error: error instanceof Error ? error.message : String(error) };
      return this.network;
    }
  }

  private mapRow(map: FeatureMap): HTMLElement {
    const [channels, height, width] = map.shape;
    const title = `${map.layerId} (${map.type}): ${channels}×${height}×${width}`;
    const canvases = Array.from({ length: channels }, (_, channel) => {
      const canvas = tensorCanvas(`${map.layerId} channel ${channel + 1} of ${channels}`, { channel: String(channel) });
      drawTensorImage(canvas, map.values, map.shape, { channel });
      return canvas;
    });
    return h('figure', { className: 'feature-row', attrs: { 'data-layer-id': map.layerId, role: 'group', 'aria-label': title } }, [
      h('figcaption', { className: 'feature-title', text: title }),
      h('div', { className: 'tensor-grid' }, canvases),
    ]);
  }
}
