import { Random } from '../engine/random';

/**
 * The generator for generated data sets and the train/validation split. The seed is mixed with a constant so
 * that these streams are not the very streams the engine draws initial weights and epoch shuffles from when
 * the data and the training use the same seed (both default to 42). Browser-safe.
 */
export function dataRandom(seed: number): Random {
  return new Random(Math.trunc(seed) ^ DATA_STREAM);
}

const DATA_STREAM = 0x9e3779b9;
