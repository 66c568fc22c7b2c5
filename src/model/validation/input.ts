/**
 * The network's input: exactly one of `size` (flat features) and `shape` ([C, H, W], an image). Browser-safe.
 */
import type { Shape } from '../../registry/layer-descriptor';
import { INPUT_KEYS } from '../../shared/nnjson';
import type { JsonObject, JsonValue } from '../json-tree';
import { POSITIVE_INTEGER, type Checker } from './checker';

const DIMENSION_NAMES = ['C (channels)', 'H (height)', 'W (width)'];

function checkShape(checker: Checker, shape: JsonValue): Shape | undefined {
  const path = ['input', 'shape'];
  if (!Array.isArray(shape)) {
    checker.wrongType(path, shape, 'a list of 3 whole numbers [C, H, W] (channels, height, width)', 'write it as [1, 28, 28], or use "size" for flat features');
    return undefined;
  }
  if (shape.length !== 3) {
    checker.report('error', 'out-of-range', path,
      `input.shape has ${shape.length} dimension${shape.length === 1 ? '' : 's'} but an image input is [C, H, W] (channels, height, width): ` +
        'write 3 whole numbers such as [1, 28, 28], or use "size": N for flat features',
      { actual: shape });
    return undefined;
  }
  let valid = true;
  shape.forEach((dimension, index) => {
    if (typeof dimension === 'number' && Number.isInteger(dimension) && dimension >= 1) return;
    valid = false;
    checker.report('error', 'out-of-range', [...path, index],
      `input.shape[${index}], ${DIMENSION_NAMES[index]}, is ${JSON.stringify(dimension)} but must be ${POSITIVE_INTEGER.expectation}: change input.shape[${index}]`,
      { actual: dimension });
  });
  return valid ? shape as number[] : undefined;
}

/** Checks `document.input` and gives the shape of one input sample (`[size]` or `[C, H, W]`), undefined when not valid. */
export function checkInput(checker: Checker, document: JsonObject): Shape | undefined {
  const input = checker.object(document, 'input', [], true, 'the input width or image shape',
    'add "input": { "size": N } with N the number of input features, or "input": { "shape": [C, H, W] } for images');
  if (!input) return undefined;
  checker.unknownKeys(input, ['input'], INPUT_KEYS, 'input');
  if (input.size !== undefined && input.shape !== undefined) {
    checker.report('error', 'out-of-range', ['input'],
      'input has both "size" and "shape": keep one ("size" for flat features, "shape" [C, H, W] for images) and remove the other');
    return undefined;
  }
  if (input.shape !== undefined) return checkShape(checker, input.shape);
  if (input.size === undefined) {
    checker.missing(['input', 'size'], 'the number of input features',
      'add "size": N with N the number of input features, or "shape": [C, H, W] for images (channels, height, width)', undefined, 'input');
    return undefined;
  }
  const size = checker.number(input, 'size', ['input'], true, POSITIVE_INTEGER, 'input.size', 'the number of input features');
  return size === undefined ? undefined : [size];
}
