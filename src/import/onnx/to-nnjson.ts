/**
 * An ONNX graph as a `.nnjson` model, when it is a chain of NN Builder's layers: each layer's `fromOnnx` (its
 * descriptor, src/registry/layers/) claims the nodes it is made of, the longest claim winning (x·Sigmoid(x) is a
 * SiLU, not a Sigmoid and a Mul); leading Sub/Div by initializers of the input's shape and trailing Mul/Add are the
 * fitted preprocessing the export folds in (data.fitted). What NN Builder's export wrote comes back as the same
 * model with bitwise-equal tensors; the settings the graph cannot hold (loss, optimizer, training, data) come from
 * its metadata when the export wrote them there, else defaults. Browser-safe.
 */
import { NNJSON_SETTINGS_KEY } from '../../export/onnx/model-notes';
import type { ModelProto } from '../../export/onnx/proto/onnx_pb';
import { uniqueId } from '../../model/layer-ids';
import { readModelOrErrors } from '../../model/reader';
import { tensorJson } from '../../model/tensor-codec';
import { writeModel } from '../../model/writer';
import { layerValues, type LayerDescriptor } from '../../registry/layer-descriptor';
import { layerIdProblem } from '../../registry/layer-id';
import { isLayerType, LAYER_DESCRIPTORS, layerDescriptor } from '../../registry/layers/index';
import type { OnnxImported, OnnxNodeView, OnnxTensor } from '../../registry/onnx-form';
import { NNJSON_FORMAT, NNJSON_VERSION, type FittedPreprocessing, type LayerSpec, type NnJsonModel, type ParametersJson } from '../../shared/nnjson';
import { OnnxImportError } from './import-error';
import { onnxGraph, type OnnxGraph } from './onnx-graph';
import { readOnnxModel } from './onnx-file';
import { inferShapes } from './shape-inference';

export interface UnsupportedNode {
  readonly node: string;
  readonly op: string;
}

export type Conversion =
  | { readonly model: NnJsonModel }
  | { readonly unsupported: readonly UnsupportedNode[] }
  | { readonly problem: string };

interface Claim {
  readonly descriptor: LayerDescriptor;
  readonly imported: OnnxImported;
}

const nodeLabel = (node: OnnxNodeView) => node.name || `${node.op} → ${node.output}`;

/** Whether `group` (the nodes a layer claims on `input`) takes only `input`, its own values and initializers, and nothing outside uses its inner values. */
function isSelfContained(group: readonly OnnxNodeView[], input: string, rest: readonly OnnxNodeView[], graph: OnnxGraph): boolean {
  const own = new Set([input]);
  for (const node of group) {
    if (!node.inputs.every((value) => value === '' || own.has(value) || graph.initializers.has(value))) return false;
    own.add(node.output);
  }
  const inner = new Set(group.slice(0, -1).map((node) => node.output));
  inner.add(input);
  const outputs = new Set(graph.outputs.map((output) => output.name));
  return !rest.some((node) => node.inputs.some((value) => inner.has(value))) && ![...inner].some((value) => value !== input && outputs.has(value));
}

/** The tensor of `node`'s input `k` when it has `count` values. */
function sizedTensor(node: OnnxNodeView | undefined, k: number, count: number): OnnxTensor | undefined {
  const tensor = node?.tensor(k);
  return tensor?.values.length === count ? tensor : undefined;
}

const numbers = (tensor: OnnxTensor) => Array.from(tensor.values);

/** Sub(input, offset) then Div(·, scale), both of the input's size: the fitted feature scaling. */
function featureScaling(nodes: readonly OnnxNodeView[], input: string, width: number): FittedPreprocessing | undefined {
  const [sub, div] = nodes;
  const offset = sub?.op === 'Sub' && sub.inputs[0] === input ? sizedTensor(sub, 1, width) : undefined;
  const scale = div?.op === 'Div' && div.inputs[0] === sub?.output ? sizedTensor(div, 1, width) : undefined;
  return offset && scale ? { featureOffset: numbers(offset), featureScale: numbers(scale) } : undefined;
}

/** Mul(·, scale) then Add(·, offset) of the output's width at the graph's end: the mapping back to the targets' units. */
function targetScaling(nodes: readonly OnnxNodeView[], width: number | undefined): FittedPreprocessing | undefined {
  const [mul, add] = nodes.slice(-2);
  if (width === undefined || mul?.op !== 'Mul' || add?.op !== 'Add' || add.inputs[0] !== mul.output) return undefined;
  const scale = sizedTensor(mul, 1, width);
  const offset = sizedTensor(add, 1, width);
  return scale && offset ? { targetScale: numbers(scale), targetOffset: numbers(offset) } : undefined;
}

/** The settings a file states: those that differ from their defaults (a width that follows the incoming one is left out). */
function statedSettings(descriptor: LayerDescriptor, settings: OnnxImported['settings']): Record<string, unknown> {
  const stated: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(settings)) {
    const setting = (descriptor.settings as Record<string, { default?: unknown; defaultFrom?: string }>)[key];
    const implied = setting?.defaultFrom !== undefined ? settings[setting.defaultFrom] : setting?.default;
    if (JSON.stringify(implied) !== JSON.stringify(value)) stated[key] = value;
  }
  return stated;
}

/** The layer's id: the node's scope (`fc1` of `fc1/Gemm` or PyTorch's `/fc1/Gemm`) when it is a free, valid id, else a new one. */
function layerId(node: OnnxNodeView, descriptor: LayerDescriptor, taken: Set<string>): string {
  const scope = node.name.replace(/^\//, '').split('/')[0];
  const id = node.name.includes('/') && layerIdProblem(scope) === undefined && !taken.has(scope) ? scope : uniqueId(descriptor.idPrefix, taken);
  taken.add(id);
  return id;
}

interface SavedSettings {
  readonly layers?: readonly LayerSpec[];
  readonly name?: string;
  readonly description?: string;
  readonly loss?: NnJsonModel['loss'];
  readonly optimizer?: NnJsonModel['optimizer'];
  readonly training?: NnJsonModel['training'];
  readonly data?: NnJsonModel['data'];
}

/** A setting as compared: a pair of equal numbers is that number. */
function comparable(value: unknown): string {
  return JSON.stringify(Array.isArray(value) && value.length === 2 && value[0] === value[1] ? value[0] : value);
}

/** Whether two layers are the same, however the file spells their settings (a width left out, a pair as one number). */
function sameLayer(a: LayerSpec, b: LayerSpec): boolean {
  if (a.type !== b.type || a.id !== b.id) return false;
  const descriptor = layerDescriptor(a.type);
  const values = [a, b].map((layer) => layerValues(descriptor, layer as unknown as Record<string, unknown>, undefined));
  return Object.entries(descriptor.settings).every(([key, setting]) => setting.kind !== 'boolean' && setting.followsIncomingWidth
    ? true : comparable(values[0][key]) === comparable(values[1][key]));
}

/**
 * The layers as the export's metadata states them when the graph's are those without Dropout (which the export
 * leaves out), so a model comes back as its file had it; else the graph's own.
 */
function statedLayers(fromGraph: LayerSpec[], saved: readonly LayerSpec[] | undefined): LayerSpec[] {
  if (!Array.isArray(saved)) return fromGraph;
  const kept = saved.filter((layer) => layer?.type !== 'Dropout' && isLayerType(layer?.type));
  const graphLayers = fromGraph.filter((layer) => layer.type !== 'Dropout');
  return kept.length === graphLayers.length && kept.every((layer, k) => sameLayer(layer, graphLayers[k])) ? [...saved] : fromGraph;
}

function metadataValue(model: ModelProto, key: string): unknown {
  const entry = model.metadataProps.find((prop) => prop.key === key);
  if (entry === undefined) return undefined;
  try {
    return JSON.parse(entry.value);
  } catch {
    return undefined;
  }
}

/** The model's name and description as the doc string's first line says them ("Name: description"). */
function titleOf(proto: ModelProto, graph: OnnxGraph): { name?: string; description?: string } {
  const name = graph.name || undefined;
  const [first] = proto.docString.split('\n');
  const description = name !== undefined && first.startsWith(`${name}: `) ? first.slice(name.length + 2) : undefined;
  return { name, description };
}

export function convertOnnx(proto: ModelProto, graph: OnnxGraph): Conversion {
  if (graph.inputs.length !== 1 || graph.outputs.length !== 1) {
    return { problem: `the graph has ${graph.inputs.length} inputs and ${graph.outputs.length} outputs, and a .nnjson model has one of each` };
  }
  const [input] = graph.inputs;
  const sample = input.dims?.slice(1);
  if (sample === undefined || sample.length === 0 || !sample.every((dim) => typeof dim === 'number' && dim > 0) || (sample.length !== 1 && sample.length !== 3)) {
    return { problem: `the input ${input.name} is [${(input.dims ?? []).map((dim) => dim ?? '?').join(', ')}], and a .nnjson model takes [N, features] or [N, C, H, W] of known sizes` };
  }
  const shapes = inferShapes(graph);
  const saved = (metadataValue(proto, NNJSON_SETTINGS_KEY) ?? {}) as SavedSettings;
  const alias = new Map<string, string>();
  const resolve = (value: string) => alias.get(value) ?? value;
  // an Identity passes its value on: the layers see through it
  const nodes: OnnxNodeView[] = [];
  for (const node of graph.nodes) {
    const view = { ...node, inputs: node.inputs.map(resolve) };
    if (node.op === 'Identity' && node.inputs.length === 1) alias.set(node.output, resolve(node.inputs[0]));
    else nodes.push(view);
  }
  const outputValue = resolve(graph.outputs[0].name);
  const width = (sample as number[]).reduce((a, b) => a * b, 1);
  const outputWidth = shapes.get(graph.outputs[0].name)?.[1];
  // the fitted scaling is the data's: it comes back only where the settings say what the data is
  const featureFit = saved.data !== undefined ? featureScaling(nodes, input.name, width) : undefined;
  const targetFit = saved.data !== undefined ? targetScaling(nodes, typeof outputWidth === 'number' ? outputWidth : undefined) : undefined;
  const start = featureFit ? 2 : 0;
  const end = nodes.length - (targetFit ? 2 : 0);

  const layers: LayerSpec[] = [];
  const parameters: ParametersJson = {};
  const unsupported: UnsupportedNode[] = [];
  const taken = new Set<string>();
  let value = featureFit ? nodes[1].output : input.name;
  for (let i = start; i < end;) {
    const at = (k: number) => (i + k < end ? nodes[i + k] : undefined);
    const incoming = shapes.get(value)?.slice(1);
    const reader = { input: value, inputShape: incoming?.every((dim) => typeof dim === 'number') ? incoming as number[] : undefined, at };
    let best: Claim | undefined;
    for (const descriptor of LAYER_DESCRIPTORS as readonly LayerDescriptor[]) {
      const imported = descriptor.fromOnnx?.(reader);
      if (imported === undefined || imported.nodes < 1 || i + imported.nodes > end || imported.nodes <= (best?.imported.nodes ?? 0)) continue;
      if (isSelfContained(nodes.slice(i, i + imported.nodes), value, nodes.slice(i + imported.nodes), graph)) best = { descriptor, imported };
    }
    if (best === undefined) {
      unsupported.push({ node: nodeLabel(nodes[i]), op: nodes[i].op });
      value = nodes[i].output;
      i += 1;
      continue;
    }
    const { descriptor, imported } = best;
    const id = layerId(nodes[i], descriptor, taken);
    layers.push({ type: descriptor.type, id, ...statedSettings(descriptor, imported.settings) } as LayerSpec);
    if (imported.tensors !== undefined) {
      parameters[id] = Object.fromEntries(Object.entries(imported.tensors).map(([name, tensor]) => [name, tensorJson(tensor.dims, tensor.values)]));
    }
    value = nodes[i + imported.nodes - 1].output;
    i += imported.nodes;
  }
  if (unsupported.length > 0) return { unsupported };
  if (value !== (targetFit ? nodes[end - 1].output : outputValue) && !(targetFit && nodes[end].inputs[0] === value)) {
    return { problem: `the graph's output ${graph.outputs[0].name} is not the end of its chain of layers: it is not a model of one input flowing through one layer after another` };
  }
  const lastType = layers[layers.length - 1]?.type;
  const fitted = featureFit || targetFit ? { ...featureFit, ...targetFit } : undefined;
  const model: NnJsonModel = {
    format: NNJSON_FORMAT,
    version: NNJSON_VERSION,
    ...titleOf(proto, graph),
    ...(saved.name !== undefined ? { name: saved.name } : {}),
    ...(saved.description !== undefined ? { description: saved.description } : {}),
    input: sample.length === 1 ? { size: sample[0] as number } : { shape: sample as number[] },
    layers: statedLayers(layers, saved.layers),
    loss: saved.loss ?? { type: metadataValue(proto, 'targets') === undefined && lastType === 'SoftMax' ? 'CrossEntropy' : 'MSE' },
    optimizer: saved.optimizer ?? { type: 'Adam', lr: 0.001 },
    ...(saved.training !== undefined ? { training: saved.training } : {}),
    ...(saved.data !== undefined ? { data: { ...saved.data, ...(fitted ? { fitted } : {}) } } : {}),
    parameters,
  };
  const checked = readModelOrErrors(writeModel(model));
  if ('errors' in checked) return { problem: `the converted model does not validate: ${checked.errors[0].message}` };
  return { model };
}

/** "a (Gemm), b (Shape)": the nodes no layer maps. */
export function unsupportedText(unsupported: readonly UnsupportedNode[]): string {
  return `${unsupported.length === 1 ? 'node' : 'nodes'} ${unsupported.map(({ node, op }) => `${node} (${op})`).join(', ')} ` +
    `${unsupported.length === 1 ? 'maps' : 'map'} to no NN Builder layer, so the model cannot be converted to .nnjson`;
}

/** The `.nnjson` model of an ONNX file's bytes; an OnnxImportError with one line that names the reason and the fix. */
export function onnxToNnjson(bytes: Uint8Array): NnJsonModel {
  const proto = readOnnxModel(bytes);
  const conversion = convertOnnx(proto, onnxGraph(proto.graph!));
  if ('model' in conversion) return conversion.model;
  throw new OnnxImportError('unsupported' in conversion ? unsupportedText(conversion.unsupported) : `${conversion.problem}: it cannot be converted to .nnjson`);
}
