/**
 * What a layer's PyTorch form (the `pytorch` of its descriptor) gives the PyTorch export (src/export/pytorch/): the
 * torch module that computes the layer as NN Builder does, as Python source, and where each of its tensors goes in
 * the module's state dict. Python text only, no torch here. Browser-safe.
 */

/** Where a tensor of the file (`W`) sits in the torch module: its state-dict name, and whether it is stored transposed. */
export interface PytorchTensor {
  /** The torch name: `weight`, `bias`, `running_mean`. */
  readonly key: string;
  /** A 2-D tensor torch keeps as [out, in] where the file keeps [in, out] (Linear's W). */
  readonly transposed?: boolean;
}

export interface PytorchModule {
  /** The module as a Python expression, e.g. `nn.Linear(4, 8, bias=True)`. */
  readonly module: string;
  /** Its tensors by file name; a tensor the layer does not have (a Linear's b without bias) is skipped. */
  readonly tensors?: Readonly<Record<string, PytorchTensor>>;
  /**
   * Python source the module needs (a class written out where torch's own module computes something else), by a
   * name that keeps it in the script once however many layers use it.
   */
  readonly support?: { readonly name: string; readonly source: string };
}

/** A Python literal of a number, a boolean or a pair: `1e-05`, `True`, `(3, 2)`. */
export function pythonValue(value: number | boolean | readonly number[]): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  return `(${value.join(', ')})`;
}
