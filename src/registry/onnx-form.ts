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
