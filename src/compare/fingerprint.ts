/**
 * A short fingerprint of a tensor's values: FNV-1a (32 bits) over their float32 bits, as 8 hex digits. Two tensors
 * whose statistics agree to every printed digit still get different fingerprints when one value changed, so a
 * retrained weight shows in a text diff. Not a cryptographic hash. Browser-safe.
 */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export function tensorFingerprint(values: Float32Array): string {
  const scratch = new DataView(new ArrayBuffer(4));
  let hash = FNV_OFFSET;
  // byte by byte in little-endian order, as the file stores them, whatever the host's order
  for (let i = 0; i < values.length; i++) {
    scratch.setFloat32(0, values[i], true);
    const bits = scratch.getUint32(0, true);
    for (let shift = 0; shift < 32; shift += 8) {
      hash ^= (bits >>> shift) & 0xff;
      hash = Math.imul(hash, FNV_PRIME) >>> 0;
    }
  }
  return hash.toString(16).padStart(8, '0');
}
