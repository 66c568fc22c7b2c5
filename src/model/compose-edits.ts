/**
 * Several steps of edits, each computed on the text the steps before it left, as one set of edits of the original
 * text: a change and its consequences apply, and undo, as one edit. Browser-safe.
 */
import type { TextEdit } from './edit';

/** A stretch of the current text that replaced a stretch of the original one. */
interface ChangedRegion {
  start: number;
  end: number;
  originalStart: number;
  originalEnd: number;
}

/**
 * Applies edits one step after the other (each step computed on the text the steps before left) and gives the
 * result as non-overlapping edits of the original text: one per changed stretch, so untouched text stays as it is.
 */
export class EditComposer {
  text: string;
  private regions: ChangedRegion[] = [];

  constructor(private readonly original: string) {
    this.text = original;
  }

  /** One step: edits that do not overlap each other, on the current text. */
  apply(edits: readonly TextEdit[]): void {
    for (const edit of [...edits].sort((a, b) => b.offset - a.offset)) this.applyOne(edit);
  }

  /** The original offset of a current offset that lies in unchanged text (or at a region's edge). */
  private originalOffset(offset: number): number {
    let shift = 0;
    for (const region of this.regions) {
      if (region.end > offset) break;
      shift += region.end - region.start - (region.originalEnd - region.originalStart);
    }
    return offset - shift;
  }

  private applyOne(edit: TextEdit): void {
    const end = edit.offset + edit.length;
    const touched = this.regions.filter((region) => region.end >= edit.offset && region.start <= end);
    const first = touched[0];
    const last = touched[touched.length - 1];
    const start = first && first.start < edit.offset ? first.start : edit.offset;
    const stop = last && last.end > end ? last.end : end;
    const originalStart = first && first.start === start ? first.originalStart : this.originalOffset(start);
    const originalEnd = last && last.end === stop ? last.originalEnd : this.originalOffset(stop);
    const growth = edit.content.length - edit.length;
    this.text = this.text.slice(0, edit.offset) + edit.content + this.text.slice(end);
    const others = this.regions
      .filter((region) => !touched.includes(region))
      .map((region) => (region.start >= stop ? { ...region, start: region.start + growth, end: region.end + growth } : region));
    this.regions = [...others, { start, end: stop + growth, originalStart, originalEnd }].sort((a, b) => a.start - b.start);
  }

  edits(): TextEdit[] {
    return this.regions
      .map((region) => ({ offset: region.originalStart, length: region.originalEnd - region.originalStart, content: this.text.slice(region.start, region.end) }))
      .filter((edit) => this.original.slice(edit.offset, edit.offset + edit.length) !== edit.content);
  }
}

/** `steps` applied one after the other (each computed on the text the ones before left), as edits of `text`. */
export function composeEdits(text: string, ...steps: (readonly TextEdit[])[]): TextEdit[] {
  const composer = new EditComposer(text);
  for (const step of steps) composer.apply(step);
  return composer.edits();
}
