/**
 * A labelled row of images to pick one from, as a listbox: Tab reaches the picked (or first) image, the arrow keys,
 * Home and End move between images, Enter or Space picks the focused one, and a click picks too.
 */
import { drawTensorImage } from '../charts/image-canvas';
import { h, replaceChildren } from '../dom';
import type { ImageSample, ImageSampleSet } from '../../src/shared/image-samples';

export interface PickableImage {
  sample: ImageSample;
  /** Shown under the image ("3", "true 3, predicted 8"). */
  caption: string;
  /** What a screen reader says of it. */
  description: string;
}

const NEXT: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

export class ImagePicker {
  readonly element: HTMLElement;
  private images: PickableImage[] = [];
  private options: HTMLElement[] = [];

  constructor(id: string, label: string, private readonly onPick: (sample: ImageSample) => void) {
    this.element = h('div', { className: 'image-picker', attrs: { id, role: 'listbox', 'aria-label': label, 'aria-orientation': 'horizontal' } });
    this.element.addEventListener('keydown', (event) => this.onKey(event));
  }

  show(shape: ImageSampleSet['shape'], images: PickableImage[], pickedRow: number | undefined): void {
    this.options = images.map((image) => {
      const canvas = h('canvas', { className: 'tensor-image', attrs: { 'aria-hidden': 'true' } });
      drawTensorImage(canvas, image.sample.pixels, shape);
      const option = h('div', {
        className: 'image-option',
        attrs: { role: 'option', 'aria-label': image.description, tabindex: -1 },
        dataset: { row: String(image.sample.row) },
        on: { click: () => this.pick(images.indexOf(image)) },
      }, [canvas, h('span', { className: 'image-caption', attrs: { 'aria-hidden': 'true' }, text: image.caption })]);
      return option;
    });
    replaceChildren(this.element, this.options);
    this.images = images;
    this.markPicked(pickedRow);
  }

  /** Marks the image of data row `row` as picked (none when it is not among them); Tab then reaches it. */
  markPicked(row: number | undefined): void {
    const picked = this.images.findIndex((image) => image.sample.row === row);
    this.options.forEach((option, i) => {
      option.setAttribute('aria-selected', String(i === picked));
      option.tabIndex = i === (picked >= 0 ? picked : 0) ? 0 : -1;
    });
  }

  private pick(index: number): void {
    const image = this.images[index];
    if (!image) return;
    this.options[index].focus();
    this.onPick(image.sample);
  }

  private onKey(event: KeyboardEvent): void {
    const current = this.options.indexOf(document.activeElement as HTMLElement);
    if (current < 0) return;
    let target: number | undefined;
    if (event.key in NEXT) target = Math.min(this.options.length - 1, Math.max(0, current + NEXT[event.key]));
    else if (event.key === 'Home') target = 0;
    else if (event.key === 'End') target = this.options.length - 1;
    else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.pick(current);
      return;
    }
    if (target === undefined) return;
    event.preventDefault();
    this.options[current].tabIndex = -1;
    this.options[target].tabIndex = 0;
    this.options[target].focus();
  }
}
