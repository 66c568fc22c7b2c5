/** The trained tensors under `parameters`: one entry per layer with parameters, each with the shape its layer needs. Browser-safe. */
import { layerDescriptor } from '../../registry/layers/index';
import type { JsonObject, JsonValue, PathSegment } from '../json-tree';
import type { Shape } from '../../registry/layer-descriptor';
import { parameterShapes } from '../shapes';
import { closestName } from '../suggest';
import { shapeSize, tensorValues } from '../tensor-codec';
import { isObject, type Checker } from './checker';
import type { LayerFacts } from './layers';

/** The tensors `facts`' layer stores and their shapes; a width the file leaves out is the one coming in. */
function expectedShapes(facts: LayerFacts, incoming: Shape | undefined): Record<string, number[] | undefined> | undefined {
  if (facts.type === undefined) return undefined;
  return parameterShapes({ ...facts.settings, type: facts.type }, incoming);
}

function checkTensor(checker: Checker, tensor: JsonValue, segments: PathSegment[], layerId: string, label: string, expectedShape: number[] | undefined): void {
  if (!isObject(tensor)) {
    checker.wrongType(segments, tensor, 'a tensor object { "shape": [...], "dtype": "float32", "data": "<base64>" }', 'replace it, or delete it and train again');
    return;
  }
  checker.unknownKeys(tensor, segments, ['shape', 'dtype', 'data', 'values'], label);
  const shape = tensor.shape;
  let validShape: number[] | undefined;
  if (shape === undefined) {
    checker.missing([...segments, 'shape'], 'the tensor dimensions', expectedShape ? `add "shape": ${JSON.stringify(expectedShape)}` : 'add "shape": [rows, columns]', expectedShape ? { expected: expectedShape } : undefined);
  } else if (!Array.isArray(shape) || !shape.every((dimension) => typeof dimension === 'number' && Number.isInteger(dimension) && dimension >= 0)) {
    checker.wrongType([...segments, 'shape'], shape, 'a list of whole numbers', expectedShape ? `set it to ${JSON.stringify(expectedShape)}` : 'write the dimensions, e.g. [2, 8]');
  } else {
    validShape = shape as number[];
    if (expectedShape && JSON.stringify(validShape) !== JSON.stringify(expectedShape)) {
      checker.report('error', 'tensor-shape', [...segments, 'shape'],
        `${label} has shape ${JSON.stringify(validShape)} but the layer needs ${JSON.stringify(expectedShape)}: retrain the model, or delete "parameters" for this layer so it is initialised again`,
        { expected: expectedShape, actual: validShape, layerId });
    }
  }
  const dtype = tensor.dtype;
  if (dtype !== undefined && dtype !== 'float32') {
    if (typeof dtype !== 'string') checker.wrongType([...segments, 'dtype'], dtype, 'the string "float32"', 'set "dtype": "float32"');
    else checker.report('error', 'unsupported-dtype', [...segments, 'dtype'], `${label} has dtype "${dtype}" but only "float32" is supported: store the values as float32 and set "dtype": "float32"`, { expected: 'float32', actual: dtype });
  }
  const { data, values } = tensor;
  const dataKey = data !== undefined ? 'data' : 'values';
  if (data === undefined && values === undefined) {
    checker.missing([...segments, 'data'], 'the tensor values as base64 float32', 'add "data": "<base64>" or "values": [numbers]');
    return;
  }
  if (data !== undefined && values !== undefined) {
    checker.report('warning', 'unused-setting', [...segments, 'values'], `${label} has both "data" and "values": "data" is used, remove "values"`, undefined, true);
  }
  if (data !== undefined && typeof data !== 'string') {
    checker.wrongType([...segments, 'data'], data, 'a base64 string of little-endian float32 values', 'use "values": [numbers] for plain numbers');
    return;
  }
  if (data === undefined && !Array.isArray(values)) {
    checker.wrongType([...segments, 'values'], values, 'a list of numbers', 'write the values row by row, e.g. [0.1, -0.2]');
    return;
  }
  if (data === undefined && Array.isArray(values)) {
    const bad = values.findIndex((value) => typeof value !== 'number' && value !== null);
    if (bad >= 0) {
      checker.wrongType([...segments, 'values', bad], values[bad], 'a number', 'write the number without quotes');
      return;
    }
  }
  const decoded = tensorValues({
    ...(typeof data === 'string' ? { data } : {}),
    ...(Array.isArray(values) ? { values: values.map((value) => (typeof value === 'number' ? value : Number.NaN)) } : {}),
  });
  if ('error' in decoded) {
    checker.report('error', 'invalid-base64', [...segments, 'data'], `${label}.data is not valid base64 float32 data (${decoded.error}): retrain the model, or replace it with "values": [numbers]`);
    return;
  }
  if (validShape) {
    const needed = shapeSize(validShape);
    if (decoded.values.length !== needed) {
      checker.report('error', 'tensor-length', [...segments, dataKey],
        `${label} has ${decoded.values.length} values but its shape ${JSON.stringify(validShape)} needs ${needed}: retrain the model, or fix "shape" or "${dataKey}"`,
        { expected: needed, actual: decoded.values.length });
    }
  }
  const firstBad = decoded.values.findIndex((value) => !Number.isFinite(value));
  if (firstBad >= 0) {
    const count = decoded.values.reduce((total, value) => total + (Number.isFinite(value) ? 0 : 1), 0);
    checker.report('error', 'tensor-nan', [...segments, dataKey],
      `${label} contains ${count} NaN or infinite value${count === 1 ? '' : 's'} (first at index ${firstBad}): training diverged; lower the learning rate and retrain, or delete these parameters`,
      { actual: count });
  }
}

/** `shapes` is `widthShapes(layerShapes(input, layers))`: entry i is the shape layer i takes its widths from. */
export function checkParameters(checker: Checker, parameters: JsonObject, layers: LayerFacts[], shapes: readonly (Shape | undefined)[]): void {
  const byId = new Map<string, LayerFacts>();
  for (const facts of layers) if (facts.id !== undefined && !byId.has(facts.id)) byId.set(facts.id, facts);
  for (const layerId of Object.keys(parameters)) {
    const segments: PathSegment[] = ['parameters', layerId];
    const entry = parameters[layerId];
    const facts = byId.get(layerId);
    if (!facts) {
      const suggestion = closestName(layerId, [...byId.keys()]);
      checker.report('warning', 'unknown-parameter-layer', segments,
        `parameters has tensors for "${layerId}" but no layer has that id: ${suggestion ? `rename it to "${suggestion}" if that layer was renamed, or ` : ''}remove these parameters`,
        { layerId, ...(suggestion ? { suggestion } : {}) }, true);
      continue;
    }
    if (!isObject(entry)) {
      checker.wrongType(segments, entry, 'an object of tensors such as { "W": {...}, "b": {...} }', 'retrain the model, or delete this entry');
      continue;
    }
    const expected = expectedShapes(facts, shapes[facts.index]);
    if (!expected) continue;
    const names = Object.keys(expected);
    for (const name of Object.keys(entry)) {
      const label = `${layerId}.${name}`;
      if (!names.includes(name)) {
        const why = names.length === 0 ? `${facts.type} layers have no parameters` : `${facts.type} layer ${layerId} has ${names.join(', ')}`;
        checker.report('error', 'unknown-parameter', [...segments, name], `parameters.${layerId} has "${name}" but ${why}: remove it`, { layerId }, true);
        continue;
      }
      checkTensor(checker, entry[name], [...segments, name], layerId, label, expected[name]);
    }
    const absent = names.filter((name) => entry[name] === undefined);
    if (absent.length > 0) {
      // a bias turned on after training, or a tensor dropped because its shape changed: it starts from fresh weights
      checker.report('info', 'missing-parameter', segments,
        `parameters.${layerId} has no ${absent.map((name) => `"${name}"`).join(', ')}: ${absent.length === 1 ? 'it starts' : 'they start'} from fresh weights (from training.seed); train the model to learn ${absent.length === 1 ? 'it' : 'them'}`,
        { layerId }, true);
    }
  }
  for (const facts of layers) {
    if (facts.id === undefined || facts.type === undefined || layerDescriptor(facts.type).parameters.length === 0) continue;
    if (parameters[facts.id] === undefined) {
      checker.report('info', 'untrained-layer', ['layers', facts.index, 'id'],
        `${facts.id} has no trained parameters yet: it is initialised from training.seed, train the model to learn them`,
        { layerId: facts.id });
    }
  }
}
