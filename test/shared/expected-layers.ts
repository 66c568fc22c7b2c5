/**
 * What a user did to the layers, on a plain list: the expected result of a burst of builder intents, worked out
 * without the builder, for the rapid-intent tests (in Chromium and in the real VS Code).
 */
import { uniqueLayerId } from '../../src/model/layer-ids';
import type { LayerSpec } from '../../src/shared/nnjson';

export class ExpectedLayers {
  constructor(public layers: LayerSpec[]) {}

  move(id: string, by: number): void {
    const from = this.layers.findIndex((layer) => layer.id === id);
    const to = Math.max(0, Math.min(this.layers.length - 1, from + by));
    const [layer] = this.layers.splice(from, 1);
    this.layers.splice(to, 0, layer);
  }

  duplicate(id: string): void {
    const index = this.layers.findIndex((layer) => layer.id === id);
    const copy = { ...this.layers[index], id: uniqueLayerId({ layers: this.layers }, this.layers[index].type) } as LayerSpec;
    this.layers.splice(index + 1, 0, copy);
  }

  remove(id: string): void {
    this.layers = this.layers.filter((layer) => layer.id !== id);
  }

  set(id: string, key: string, value: number): void {
    const layer = this.layers.find((candidate) => candidate.id === id) as unknown as Record<string, unknown>;
    layer[key] = value;
  }
}

