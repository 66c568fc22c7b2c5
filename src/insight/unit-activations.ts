/**
 * What each hidden unit of a two-input network computes over the decision-boundary grid, for the pictures beside
 * the layer cards: every layer's eval-mode output (the engine's predictLayers) but the last one's, each unit scaled
 * by its largest |activation| so that its pattern shows whatever its size. Browser-safe: the worker (during
 * training) and the webview (from a file's weights) share it.
 */
import { predictLayers, Tensor, type Sequential } from '../engine/index';
import type { NnJsonModel } from '../shared/nnjson';
import { MAX_PICTURED_UNITS, type LayerActivations, type UnitActivation } from '../shared/training-events';

/** Normalised grid rows in ([rows, inputs] row-major), one entry per hidden layer out. */
export type HiddenActivations = (inputs: Float32Array, rows: number) => LayerActivations[];

/** The hidden layers of `network` (built for `model`): all but the last, whose output the boundary already shows. */
export function hiddenActivations(model: Pick<NnJsonModel, 'layers'>, network: Sequential): HiddenActivations {
  return (inputs, rows) => {
    const outputs = predictLayers(network, new Tensor(rows, rows > 0 ? inputs.length / rows : 0, inputs));
    return model.layers.slice(0, -1).map((layer, index) => layerActivations(layer.id, outputs[index].data, outputs[index].cols, rows));
  };
}

/** The first MAX_PICTURED_UNITS columns of a [rows, width] output, each scaled to [-1, 1]. */
export function layerActivations(layerId: string, data: Float32Array, width: number, rows: number): LayerActivations {
  const units: UnitActivation[] = [];
  for (let unit = 0; unit < Math.min(width, MAX_PICTURED_UNITS); unit++) {
    let scale = 0;
    for (let r = 0; r < rows; r++) {
      const value = Math.abs(data[r * width + unit]);
      if (value > scale && Number.isFinite(value)) scale = value;
    }
    const values = new Array<number>(rows);
    for (let r = 0; r < rows; r++) {
      const value = data[r * width + unit];
      // a diverged unit's infinities show at full strength; three decimals are plenty for colour
      values[r] = scale > 0 ? Math.round(Math.max(-1, Math.min(1, value / scale)) * 1000) / 1000 || 0 : 0;
    }
    units.push({ scale, values });
  }
  return { layerId, width, units };
}
