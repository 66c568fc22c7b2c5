/**
 * Float32 tensors in `.nnjson` files: base64 of little-endian float32 values, row-major.
 * Browser-safe: no Node imports; uses Buffer only when the host provides it (it is faster on large tensors).
 */
import type { TensorJson } from '../shared/nnjson';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE_TABLE = (() => {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();
const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

interface BufferLike {
  from(data: ArrayBufferLike, byteOffset: number, length: number): { toString(encoding: 'base64'): string };
}
function hostBuffer(): BufferLike | undefined {
  const candidate = (globalThis as { Buffer?: BufferLike }).Buffer;
  return typeof candidate?.from === 'function' ? candidate : undefined;
}

/** The values as little-endian float32 bytes (a view of `values` itself on a little-endian host). */
export function littleEndianBytes(values: Float32Array): Uint8Array {
  if (HOST_IS_LITTLE_ENDIAN) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => view.setFloat32(i * 4, value, true));
  return bytes;
}

export function bytesToBase64(bytes: Uint8Array): string {
  const buffer = hostBuffer();
  if (buffer) return buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    chunk += ALPHABET[a >> 2] + ALPHABET[((a & 3) << 4) | (b >> 4)]
      + (i + 1 < bytes.length ? ALPHABET[((b & 15) << 2) | (c >> 6)] : '=')
      + (i + 2 < bytes.length ? ALPHABET[c & 63] : '=');
    if (chunk.length >= 4096) { parts.push(chunk); chunk = ''; }
  }
  parts.push(chunk);
  return parts.join('');
}

/** Decodes standard base64 (padding optional, no whitespace). Returns an error text instead of throwing. */
export function base64ToBytes(text: string): { bytes: Uint8Array } | { error: string } {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */ && text.length - end < 2) end--;
  if (end % 4 === 1) return { error: `base64 text of ${text.length} characters cannot be complete (a character is missing or extra)` };
  const bytes = new Uint8Array(Math.floor((end * 3) / 4));
  let byteIndex = 0;
  for (let i = 0; i < end; i += 4) {
    let group = 0;
    const groupLength = Math.min(4, end - i);
    for (let j = 0; j < 4; j++) {
      let sextet = 0;
      if (j < groupLength) {
        const code = text.charCodeAt(i + j);
        sextet = code < 128 ? DECODE_TABLE[code] : -1;
        if (sextet < 0) return { error: `character ${JSON.stringify(text[i + j])} at position ${i + j} is not base64` };
      }
      group = (group << 6) | sextet;
    }
    bytes[byteIndex++] = (group >> 16) & 255;
    if (groupLength > 2) bytes[byteIndex++] = (group >> 8) & 255;
    if (groupLength > 3) bytes[byteIndex++] = group & 255;
  }
  return { bytes: bytes.subarray(0, byteIndex) };
}

export function encodeFloat32(values: Float32Array): string {
  return bytesToBase64(littleEndianBytes(values));
}

export function decodeFloat32(text: string): { values: Float32Array } | { error: string } {
  const decoded = base64ToBytes(text);
  if ('error' in decoded) return decoded;
  const { bytes } = decoded;
  if (bytes.length % 4 !== 0) {
    return { error: `${bytes.length} bytes is not a whole number of float32 values (4 bytes each)` };
  }
  const values = new Float32Array(bytes.length / 4);
  if (HOST_IS_LITTLE_ENDIAN) {
    new Uint8Array(values.buffer).set(bytes);
  } else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < values.length; i++) values[i] = view.getFloat32(i * 4, true);
  }
  return { values };
}

/** The values of a tensor from `data` (base64) or `values` (numbers); an error text when neither decodes. */
export function tensorValues(tensor: Pick<TensorJson, 'data' | 'values'>): { values: Float32Array } | { error: string } {
  if (typeof tensor.data === 'string') return decodeFloat32(tensor.data);
  if (Array.isArray(tensor.values)) {
    const values = new Float32Array(tensor.values.length);
    for (let i = 0; i < tensor.values.length; i++) {
      const value = tensor.values[i];
      if (typeof value !== 'number') return { error: `values[${i}] is not a number` };
      values[i] = value;
    }
    return { values };
  }
  return { error: 'the tensor has neither "data" (base64) nor "values" (numbers)' };
}

export function tensorJson(shape: readonly number[], values: Float32Array): TensorJson {
  return { shape: [...shape], dtype: 'float32', data: encodeFloat32(values) };
}

export function shapeSize(shape: readonly number[]): number {
  return shape.reduce((product, dimension) => product * dimension, 1);
}
