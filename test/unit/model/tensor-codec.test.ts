import * as assert from 'node:assert/strict';
import { base64ToBytes, bytesToBase64, decodeFloat32, encodeFloat32, tensorValues } from '../../../src/model/tensor-codec';

describe('tensor codec', () => {
  it('encodes little-endian float32 as base64', () => {
    assert.equal(encodeFloat32(new Float32Array([1])), 'AACAPw==');
    assert.equal(encodeFloat32(new Float32Array([1, -2])), 'AACAPwAAAMA=');
  });

  it('decodes what it encodes, including special values', () => {
    const values = new Float32Array([0, -0, 1.5, -3.25e-7, 3.4e38, Number.NaN, Number.NEGATIVE_INFINITY]);
    const decoded = decodeFloat32(encodeFloat32(values));
    assert.ok('values' in decoded);
    assert.deepEqual(Array.from(decoded.values), Array.from(values));
  });

  it('gives the same text without Buffer as with it', () => {
    const bytes = new Uint8Array(1000).map((_, i) => (i * 37) % 256);
    const withBuffer = bytesToBase64(bytes);
    const lengths = [0, 1, 2, 3, 4, 5, 999, 1000];
    const expected = lengths.map((length) => Buffer.from(bytes.subarray(0, length)).toString('base64'));
    const saved = (globalThis as { Buffer?: unknown }).Buffer;
    try {
      (globalThis as { Buffer?: unknown }).Buffer = undefined;
      assert.deepEqual(lengths.map((length) => bytesToBase64(bytes.subarray(0, length))), expected);
      assert.equal(bytesToBase64(bytes), withBuffer);
    } finally {
      (globalThis as { Buffer?: unknown }).Buffer = saved;
    }
  });

  it('accepts missing padding and rejects broken text with a reason', () => {
    const decoded = base64ToBytes('AACAPw');
    assert.ok('bytes' in decoded);
    assert.deepEqual(Array.from(decoded.bytes), [0, 0, 128, 63]);
    const bad = decodeFloat32('AAC*Pw==');
    assert.ok('error' in bad);
    assert.match(bad.error, /"\*" at position 3 is not base64/);
    const partial = decodeFloat32('AACA');
    assert.ok('error' in partial);
    assert.match(partial.error, /3 bytes is not a whole number of float32 values/);
  });

  it('reads "values" as an alternative to "data"', () => {
    const decoded = tensorValues({ values: [1, 2.5] });
    assert.ok('values' in decoded);
    assert.deepEqual(Array.from(decoded.values), [1, 2.5]);
    assert.ok('error' in tensorValues({}));
  });
});
