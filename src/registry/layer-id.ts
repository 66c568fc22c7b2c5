/**
 * The rule for layer ids, in one place: the validator, the JSON schema (checked by a test) and the inspector use
 * it. An id keys the layer's tensors under `parameters` and names the layer in messages and exports, so it is a
 * name a program can use: a letter or _ first, then letters, digits, _ . or -. Browser-safe.
 */
export const LAYER_ID_PATTERN = '^[A-Za-z_][A-Za-z0-9_.-]*$';

const PATTERN = new RegExp(LAYER_ID_PATTERN);

/** What is wrong with `id` as a layer id, as the end of a sentence that names the fix; undefined when it is fine. */
export function layerIdProblem(id: string): string | undefined {
  if (id === '') return 'is empty: give the layer a short unique name such as "fc1"';
  if (!PATTERN.test(id)) return 'must start with a letter or _ and use only letters, digits, _ . or -: rename it, e.g. "fc1"';
  return undefined;
}
