/**
 * What a layer's ONNX form (the `onnx` of its descriptor) writes with. The ONNX export (src/export/onnx/) gives each
 * layer a graph positioned at that layer; the form adds the layer's nodes in eval mode and says which value comes
 * out. No protobuf here: the export turns these into the ONNX schema's messages. Browser-safe.
 */

/** An ONNX attribute value, with its ONNX type said explicitly (a JavaScript number is either an INT or a FLOAT). */
export type OnnxAttribute =
  | { readonly int: number }
  | { readonly float: number }
  | { readonly ints: readonly number[] }
  | { readonly string: string };

export type OnnxAttributes = Readonly<Record<string, OnnxAttribute>>;

export interface OnnxLayerGraph {
  /** The value coming into the layer: `[N, features]`, or `[N, C, H, W]` for an image. */
  readonly input: string;
  /**
   * The initializers holding the layer's tensors of these names, in this order, as the file stores them (`fc1.W`:
   * the shape and values under `parameters`); a tensor the layer does not have (a Linear's b without bias) is left out.
   */
  tensors(...names: string[]): string[];
  /** A float constant the form needs, as a scalar initializer named `<id>.<name>` (Softplus's `fc1.beta`). */
  constant(name: string, value: number): string;
  /** Adds the node `op(inputs)` (opset of src/export/onnx/opset.ts) and gives the name of its output. */
  node(op: string, inputs: readonly string[], attributes?: OnnxAttributes): string;
}

/** `[height, width]` window settings as ONNX's `kernel_shape`, `strides` and `pads` (the same padding on both sides). */
export function windowAttributes(kernel: readonly [number, number], stride: readonly [number, number], padding: readonly [number, number]): OnnxAttributes {
  return { kernel_shape: { ints: kernel }, strides: { ints: stride }, pads: { ints: [padding[0], padding[1], padding[0], padding[1]] } };
}

/** A float32 tensor of an ONNX graph (an initializer), row-major as the graph stores it. */
export interface OnnxTensor {
  readonly dims: readonly number[];
  readonly values: Float32Array;
}

/** One node of an ONNX graph, as a layer's `fromOnnx` reads it (src/import/onnx/). */
export interface OnnxNodeView {
  readonly name: string;
  readonly op: string;
  /** Its input values' names ('' for a left-out optional input). */
  readonly inputs: readonly string[];
  /** Its first output's name. */
  readonly output: string;
  int(name: string): number | undefined;
  float(name: string): number | undefined;
  ints(name: string): readonly number[] | undefined;
  string(name: string): string | undefined;
  /** The float32 initializer feeding input `k`, or undefined when that input is a computed value (or absent). */
  tensor(k: number): OnnxTensor | undefined;
}

/**
 * The nodes from where a layer may start, in topological order, as the ONNX import (src/import/onnx/) gives them
 * to each layer's `fromOnnx`. The import itself checks that the nodes a layer claims take only `input`, each other's
 * outputs and initializers, and that nothing else uses their inner values.
 */
export interface OnnxImportNodes {
  /** The value coming into the layer. */
  readonly input: string;
  /** Its shape per sample (without the batch dimension), when known. */
  readonly inputShape: readonly number[] | undefined;
  /** The k-th node from the layer's first, or undefined past the graph's end. */
  at(k: number): OnnxNodeView | undefined;
}

/** What a layer's `fromOnnx` recognised: how many nodes it is, its settings as the file states them, its tensors. */
export interface OnnxImported {
  readonly nodes: number;
  /** Settings left out take their defaults, or follow the incoming width. */
  readonly settings: Readonly<Record<string, number | boolean | readonly number[]>>;
  /** The layer's tensors by file name, in the file's shapes (Linear W [in, out]). */
  readonly tensors?: Readonly<Record<string, OnnxTensor>>;
}

/**
 * The number a float32 attribute was written from: the shortest decimal that rounds to it (0.03 for the float32
 * nearest 0.03), so a setting survives the export and import unchanged. `written` maps the setting to what the
 * export stores (BatchNorm stores 1 − momentum), its default the identity.
 */
export function settingOfFloat32(stored: number, written: (setting: number) => number = (setting) => setting, guess = stored): number {
  for (let digits = 1; digits <= 17; digits++) {
    const candidate = Number(guess.toPrecision(digits));
    if (Math.fround(written(candidate)) === stored) return candidate;
  }
  return guess;
}

/** Whether `node` exists, is an `op` and takes `input` as its first input. */
export function isNodeOn(node: OnnxNodeView | undefined, op: string, input: string): node is OnnxNodeView {
  return node !== undefined && node.op === op && node.inputs[0] === input;
}

/** The `fromOnnx` of a layer without settings that is the one ONNX node `op` on its input (Relu, Tanh). */
export function singleNode(op: string): (nodes: OnnxImportNodes) => OnnxImported | undefined {
  return (nodes) => (isNodeOn(nodes.at(0), op, nodes.input) && nodes.at(0)!.inputs.length === 1 ? { nodes: 1, settings: {} } : undefined);
}

/**
 * ONNX `kernel_shape`, `strides` and `pads` as `[height, width]` window settings, the inverse of windowAttributes:
 * undefined unless the window is 2-D, pads are the same on both sides, dilations are 1 and auto_pad is left out.
 * A pair of equal numbers is written as one number, as a file would state it.
 */
export function windowSettings(node: OnnxNodeView): { kernelSize: number | readonly number[]; stride: number | readonly number[]; padding: number | readonly number[] } | undefined {
  const kernel = node.ints('kernel_shape');
  const stride = node.ints('strides') ?? [1, 1];
  const pads = node.ints('pads') ?? [0, 0, 0, 0];
  const autoPad = node.string('auto_pad');
  if (kernel?.length !== 2 || stride.length !== 2 || pads.length !== 4 || pads[0] !== pads[2] || pads[1] !== pads[3]) return undefined;
  if ((node.ints('dilations') ?? [1, 1]).some((dilation) => dilation !== 1) || (autoPad !== undefined && autoPad !== 'NOTSET')) return undefined;
  const axes = (pair: readonly number[]) => (pair[0] === pair[1] ? pair[0] : [pair[0], pair[1]]);
  return { kernelSize: axes(kernel), stride: axes(stride), padding: axes([pads[0], pads[1]]) };
}
