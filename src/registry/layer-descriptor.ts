/**
 * What one layer type is, in one place: its settings, its tensors, its output shape, how the engine builds it, and
 * how the builder and the summaries present it. Every descriptor lives in `layers/<type>.ts` and is listed in
 * `layers/index.ts`; the model file's types, the validator, the JSON schema, shape inference, the engine factory,
 * the palette, the inspector and the summaries all derive from them. Browser-safe.
 */
import type { Module } from '../engine/module';
import type { Random } from '../engine/random';
import type { Tensor } from '../engine/tensor';
import type { PerAxis } from '../engine/window';
import type { OnnxImported, OnnxImportNodes, OnnxLayerGraph } from './onnx-form';
import type { PytorchModule } from './pytorch-form';
import { isAxisPair, type CompleteValues, type KnownValues, type Settings, type Simplify, type StatedValues } from './settings';

/** The shape of one sample (without the batch dimension): `[features]`, or `[C, H, W]` for images (see engine/window.ts). */
export type Shape = readonly number[];

/**
 * A change of a layer's own settings that lets it take the shape coming in (`{ kernelSize: 3 }`), and why it does,
 * naming the sizes ("the largest that fits the 4×4 input"): what the one-click fix of the error sets.
 */
export interface SettingsFix {
  readonly set: Readonly<Record<string, PerAxis>>;
  readonly because: string;
}

/** Why a layer cannot take the shape coming in, and the changes of its settings that would let it, best first. */
export interface ShapeError {
  readonly error: string;
  readonly fixes?: readonly SettingsFix[];
}

/** What an output-shape rule gives: the shape, undefined when it cannot be known, or why the layer cannot take its input. */
export type OutputShape = Shape | undefined | ShapeError;

export type PaletteGroup = 'Layers' | 'Convolution' | 'Activations' | 'Regularisation';
/** The palette's groups, in order. */
export const PALETTE_GROUPS: readonly PaletteGroup[] = ['Layers', 'Convolution', 'Activations', 'Regularisation'];

/** trained: the optimizer updates it (PyTorch's parameters); state: stored, not trained (PyTorch's buffers). */
export type TensorRole = 'trained' | 'state';

/** A tensor a layer stores under `parameters.<id>.<name>`. */
export interface ParameterTensor<V, M extends Module> {
  readonly name: string;
  readonly role: TensorRole;
  /** One line: what it holds. */
  readonly description: string;
  /**
   * Its shape in the file, or undefined when a layer with these settings has no such tensor (a Linear without bias
   * has no `b`). A dimension is undefined where a setting it depends on is not known.
   */
  shape(layer: V, input: Shape | undefined): readonly (number | undefined)[] | undefined;
  /** The module's live tensor: writing into its `data` changes the layer. */
  of(module: M): Tensor | null;
}

/*
 * The functions are methods (not function-valued properties) on purpose: TypeScript then compares their
 * parameters both ways, so a descriptor of one type is also a `LayerDescriptor` of any type, for the code that
 * works over all of them.
 */
export interface LayerDescriptor<T extends string = string, S extends Settings = Settings, M extends Module = Module> {
  /** As written in the file's `"type"`. */
  readonly type: T;
  /** The prefix of the ids the builder gives new layers: "fc" makes fc1, fc2. */
  readonly idPrefix: string;
  /** Names other frameworks use for it, in lower case without separators ("dense"), for "did you mean". */
  readonly aliases?: readonly string[];
  readonly group: PaletteGroup;
  /** A codicon name, for the palette and the cards. */
  readonly codicon: string;
  /** One line: what the layer does (the palette's hover, the inspector, the schema). */
  readonly explanation: string;
  /** Its maths in one line: "Y = X·W + b". */
  readonly formula: string;
  /** Its settings, in the order the writer puts them (after `type` and `id`). */
  readonly settings: S;
  /** The output shape for an input shape (undefined when it is not known). */
  outputShape(layer: KnownValues<S>, input: Shape | undefined): OutputShape;
  /**
   * The engine module, from the complete settings and the shape coming in (undefined when the caller does not know
   * it; a layer that needs it, such as Conv2D for its height and width, then throws a RangeError that says so).
   */
  create(layer: CompleteValues<S>, rng: Random, input: Shape | undefined): M;
  /** Its tensors, in the order the writer puts them. */
  readonly parameters: readonly ParameterTensor<KnownValues<S>, M>[];
  /** The summary's settings text, e.g. "2 → 8" (`arrow` is "->" where only ASCII will do). Default: each setting. */
  summary?(layer: CompleteValues<S>, arrow: string): string;
  /**
   * The layer in ONNX, as in eval mode (src/export/onnx/): adds its nodes to `graph` and gives the value coming out
   * (`graph.input` itself for a layer the export leaves out, as Dropout). A type without it cannot be exported to
   * ONNX: the export fails and names the layer.
   */
  onnx?(layer: CompleteValues<S>, graph: OnnxLayerGraph): string;
  /**
   * The inverse of `onnx` (src/import/onnx/): whether the nodes starting at `nodes.at(0)` are this layer, in ONNX's
   * own form or as PyTorch writes it, with the settings and tensors they hold; undefined when they are not.
   */
  fromOnnx?(nodes: OnnxImportNodes): OnnxImported | undefined;
  /**
   * The layer in PyTorch (src/export/pytorch/): the torch module that computes what the engine computes, in training
   * and in evaluation, and the state-dict names of its tensors. A type without it cannot be exported to PyTorch:
   * the export fails and names the layer.
   */
  pytorch?(layer: CompleteValues<S>): PytorchModule;
}

/** Checks a descriptor against the interface while keeping its exact types (for the file types derived from it). */
export function defineLayer<const T extends string, const S extends Settings, M extends Module>(
  descriptor: LayerDescriptor<T, S, M>,
): LayerDescriptor<T, S, M> {
  return descriptor;
}

/** A layer of the descriptor's type as a file states it: `{ type, id, ...settings }`. */
export type LayerSpecOf<D> = D extends LayerDescriptor<infer T, infer S, Module>
  ? Simplify<{ type: T; id: string } & StatedValues<S>>
  : never;

type WidthKeys<S extends Settings> = { [K in keyof S]: S[K] extends { readonly followsIncomingWidth: true } ? K : never }[keyof S];

/** A layer with its left-out width filled in (`Linear.in`, `BatchNorm.features`): what the engine builds. */
export type ResolvedLayerSpecOf<D> = D extends LayerDescriptor<infer T, infer S, Module>
  ? Simplify<{ type: T; id: string } & StatedValues<S> & { [K in WidthKeys<S>]: number }>
  : never;

/** What an element-wise activation without settings or tensors needs to say about itself. */
export interface ActivationFacts<T extends string, M extends Module> {
  readonly type: T;
  /** Default: the type in lower case ("tanh" makes tanh1, tanh2). */
  readonly idPrefix?: string;
  readonly aliases?: readonly string[];
  readonly explanation: string;
  readonly formula: string;
  create(): M;
  /** Its ONNX form (see `LayerDescriptor.onnx`): usually one node on `graph.input`. */
  onnx?(graph: OnnxLayerGraph): string;
  /** Its torch module, as a Python expression: `nn.ReLU()`. */
  readonly pytorch?: string;
  /** Its inverse (see `LayerDescriptor.fromOnnx`), usually `singleNode(op)`. */
  fromOnnx?(nodes: OnnxImportNodes): OnnxImported | undefined;
}

/**
 * The descriptor of an element-wise activation with no settings and no tensors (ReLU, Sigmoid): it keeps the
 * shape, sits in the palette's Activations group, and its summary shows nothing.
 */
export function defineActivation<const T extends string, M extends Module>(facts: ActivationFacts<T, M>): LayerDescriptor<T, {}, M> {
  const { onnx, pytorch } = facts;
  return defineLayer<T, {}, M>({
    idPrefix: facts.type.toLowerCase(),
    group: 'Activations',
    codicon: 'graph-line',
    settings: {},
    outputShape: keepsShape,
    parameters: [],
    ...facts,
    create: () => facts.create(),
    onnx: onnx && ((_layer, graph) => onnx(graph)),
    pytorch: pytorch === undefined ? undefined : () => ({ module: pytorch }),
  });
}

/** The output-shape rule of layers that keep the shape: activations, Dropout. */
export function keepsShape(_layer: unknown, input: Shape | undefined): OutputShape {
  return input;
}

/** Why a layer that works on a flat `[features]` input cannot take `input`, or undefined when it can. */
export function flatInputError(type: string, input: Shape | undefined): ShapeError | undefined {
  if (input === undefined || input.length === 1) return undefined;
  return { error: `${type} takes one dimension of features but the shape coming in is [${input.join(', ')}]: flatten it first` };
}

/**
 * Why a layer whose `key` states the channels it takes (Conv2D's inChannels, BatchNorm's features on an image)
 * cannot take the image `input`, or undefined when `stated` is its channels (or left out).
 */
export function channelsError(type: string, key: string, stated: number | undefined, input: Shape): ShapeError | undefined {
  if (stated === undefined || stated === input[0]) return undefined;
  return {
    error: `${type}'s ${key} is ${stated} but the [${input.join(', ')}] coming in has ${input[0]} channels: set ${key} to ${input[0]} (or leave it out)`,
    fixes: [{ set: { [key]: input[0] }, because: `the ${input[0]} channel${input[0] === 1 ? '' : 's'} coming in` }],
  };
}

/** A layer's settings as a file (or the validator's partial facts) states them, by key. */
export interface StatedSettings {
  readonly [setting: string]: unknown;
}

/** The settings a descriptor's rules see, by key: undefined where not known. */
type LayerValues = Record<string, number | boolean | PerAxis | undefined>;

/**
 * The settings `descriptor`'s rules see for `layer`: the values it states, the default of a setting it leaves out
 * (or the value of the setting it defaults from), and the width coming in for a left-out width; undefined where
 * none of these is known.
 */
export function layerValues(descriptor: LayerDescriptor, layer: StatedSettings, incoming: Shape | undefined): LayerValues {
  const values: LayerValues = {};
  for (const [key, setting] of Object.entries(descriptor.settings)) {
    const stated = layer[key];
    if (setting.kind === 'boolean') values[key] = typeof stated === 'boolean' ? stated : setting.default;
    else if (typeof stated === 'number' || (setting.perAxis === true && isAxisPair(stated))) values[key] = stated;
    else if (setting.followsIncomingWidth) values[key] = incoming?.[0];
    else values[key] = setting.defaultFrom === undefined ? setting.default : values[setting.defaultFrom];
  }
  return values;
}
