/**
 * A grid of labelled thumbnails of image data: each picture drawn by the shared CHW drawer (image-canvas.ts) with
 * its class under it, a caption that says how many of how many, the messages of images that could not be read,
 * and a "reading" state while the host reads them.
 */
import type { ImageSampleSet } from '../../src/shared/image-samples';
import { drawTensorImage, valueRange, type ImageRange } from '../charts/image-canvas';
import { h, replaceChildren } from '../dom';

/** One range for the whole set, so equal values look the same in every thumbnail (a dark picture stays dark). */
export function setRange(set: ImageSampleSet): ImageRange {
  const ranges = set.samples.map((sample) => valueRange(sample.pixels));
  if (ranges.length === 0) return { min: 0, max: 1 };
  return { min: Math.min(...ranges.map((range) => range.min)), max: Math.max(...ranges.map((range) => range.max)) };
}

export class ImageGrid {
  readonly element: HTMLElement;
  private readonly caption: HTMLElement;
  private readonly problems: HTMLElement;
  private readonly list: HTMLElement;

  constructor(label: string) {
    this.caption = h('figcaption', { className: 'hint image-grid-caption', attrs: { 'aria-live': 'polite' } });
    this.problems = h('div', { className: 'image-grid-problems' });
    this.list = h('ul', { className: 'image-grid', attrs: { 'aria-label': label } });
    this.element = h('figure', { className: 'image-preview', attrs: { role: 'region', 'aria-label': label, tabindex: 0 } }, [
      this.caption, this.problems, this.list,
    ]);
  }

  /** While the pictures are on their way. */
  reading(text: string): void {
    this.element.setAttribute('aria-busy', 'true');
    this.caption.className = 'hint image-grid-caption';
    this.caption.textContent = text;
    replaceChildren(this.problems, []);
    replaceChildren(this.list, []);
  }

  /** The data cannot be read: its message, which names the file and the fix. */
  failed(message: string): void {
    this.element.removeAttribute('aria-busy');
    this.caption.textContent = '';
    replaceChildren(this.problems, [h('p', { className: 'error-text', attrs: { role: 'alert' }, text: message })]);
    replaceChildren(this.list, []);
  }

  /** `caption` says which images these are; `problems`: the messages of files that could not be read. */
  show(set: ImageSampleSet, caption: string, problems: readonly string[] = []): void {
    this.element.removeAttribute('aria-busy');
    this.caption.textContent = caption;
    replaceChildren(this.problems, problems.map((message) => h('p', { className: 'error-text', attrs: { role: 'alert' }, text: message })));
    const [channels, height, width] = set.shape;
    const range = setRange(set);
    replaceChildren(this.list, set.samples.map((sample, index) => {
      const canvas = h('canvas', {
        className: 'thumbnail-canvas',
        attrs: { role: 'img', 'aria-label': `Image ${index + 1} (row ${sample.row + 1})${sample.label === undefined ? '' : `: ${sample.label}`}, ${channels}×${height}×${width}` },
        dataset: { row: String(sample.row) },
      });
      drawTensorImage(canvas, sample.pixels, set.shape, { range });
      return h('li', { className: 'thumbnail' }, [canvas, sample.label === undefined ? null : h('span', { className: 'thumbnail-label', text: sample.label })]);
    }));
  }
}
