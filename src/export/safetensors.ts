/**
 * The safetensors format (huggingface/safetensors), written here: an 8-byte little-endian header length, a JSON
 * header naming each tensor's dtype, shape and byte range (padded with spaces to 8 bytes), then the raw
 * little-endian tensors in that order. float32 only, as NN Builder stores its tensors. Browser-safe.
 */
import { littleEndianBytes } from '../model/tensor-codec';

export interface NamedTensor {
  readonly name: string;
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

export function safetensorsBytes(tensors: readonly NamedTensor[], metadata: Readonly<Record<string, string>> = {}): Uint8Array {
  const header: Record<string, unknown> = Object.keys(metadata).length > 0 ? { __metadata__: metadata } : {};
  let offset = 0;
  for (const tensor of tensors) {
    header[tensor.name] = { dtype: 'F32', shape: tensor.shape, data_offsets: [offset, offset + tensor.values.byteLength] };
    offset += tensor.values.byteLength;
  }
  let text = JSON.stringify(header);
  text += ' '.repeat((8 - (new TextEncoder().encode(text).length % 8)) % 8);
  const headerBytes = new TextEncoder().encode(text);
  const bytes = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  bytes.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const tensor of tensors) {
    bytes.set(littleEndianBytes(tensor.values), at);
    at += tensor.values.byteLength;
  }
  return bytes;
}
