// Four floats at a time from an array of `length` floats, for the element-wise activations: the last group may be
// short, and then reads zeros for the missing lanes and stores only the lanes that exist. Every element goes
// through the same vector code, so a value gives the same result wherever it stands in the array.

/** Floats index..index+3 of the array at byte offset `base` (0 beyond `length`). */
@inline export function load4(base: usize, index: i32, length: i32): v128 {
  const pointer = base + (<usize>index << 2);
  const count = length - index;
  if (count >= 4) return v128.load(pointer);
  let value = f32x4.splat(0);
  value = v128.load32_lane(pointer, value, 0);
  if (count > 1) value = v128.load32_lane(pointer, value, 1, 4);
  if (count > 2) value = v128.load32_lane(pointer, value, 2, 8);
  return value;
}

/** Stores `value` as floats index..index+3 of the array at byte offset `base`, but none at or beyond `length`. */
@inline export function store4(base: usize, index: i32, length: i32, value: v128): void {
  const pointer = base + (<usize>index << 2);
  const count = length - index;
  if (count >= 4) {
    v128.store(pointer, value);
    return;
  }
  v128.store32_lane(pointer, value, 0);
  if (count > 1) v128.store32_lane(pointer, value, 1, 4);
  if (count > 2) v128.store32_lane(pointer, value, 2, 8);
}
