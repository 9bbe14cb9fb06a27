import { decodeFloat32LE, encodeFloat32LE, packSignalMap, unpackSignalMap } from '../../../services/solver/client';

describe('signal map packing', () => {
  it('writes little-endian float32', () => {
    const bytes = encodeFloat32LE(new Float32Array([1, -2]));
    expect(Array.from(bytes)).toEqual([0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0]);
  });

  it('round-trips a map through the message, with shape, channels and units', () => {
    const values = Float32Array.from({ length: 3 * 4 * 2 }, (_, i) => (i - 7) * 1.5e-3);
    const message = packSignalMap(values, 4, 2);
    expect(message.shape).toEqual([3, 4, 2]);
    expect(message.channels).toEqual(['Bx', 'By', 'Bz']);
    expect(message.units).toBe('T');
    const decoded = unpackSignalMap({ shape: message.shape!, channels: message.channels!, units: message.units!, data: message.data as Buffer });
    expect(decoded.shape).toEqual([3, 4, 2]);
    expect(Array.from(decoded.data)).toEqual(Array.from(values));
  });

  it('decodes bytes that are not 4-byte aligned in their buffer', () => {
    const backing = new Uint8Array(9);
    backing.set(encodeFloat32LE(new Float32Array([0.25, 3])), 1);
    expect(Array.from(decodeFloat32LE(backing.subarray(1)))).toEqual([0.25, 3]);
  });

  it('refuses data that does not match the shape', () => {
    expect(() => packSignalMap(new Float32Array(5), 2, 1)).toThrow('signal map has 5 values, shape needs 6');
    const data = Buffer.from(encodeFloat32LE(new Float32Array(4)));
    expect(() => unpackSignalMap({ shape: [3, 1, 1], channels: [], units: 'T', data })).toThrow('shape [3, 1, 1] needs 3');
    expect(() => decodeFloat32LE(new Uint8Array(6))).toThrow('not a multiple of 4');
  });
});
