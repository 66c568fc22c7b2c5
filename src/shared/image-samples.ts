/**
 * Images sent from the extension host to the builder, which cannot read data files itself: the data panel's
 * thumbnails and the trained model's sample pictures. Pixels are in the network's input layout and units, before
 * the file's feature normalisation: `shape` [C, H, W], row-major CHW, as the model's `input.shape`.
 */
export interface ImageSample {
  /** 0-based row of the image in the data source (its index in the set the host read). */
  row: number;
  /** The class name of its label; undefined for data without class labels. */
  label?: string;
  /** C·H·W values, row-major CHW. */
  pixels: number[];
}

export interface ImageSampleSet {
  shape: [number, number, number];
  samples: ImageSample[];
  /** How many images the data source holds in all (the set may be a sample of them). */
  total: number;
}
