// Signal maps on the wire: little-endian float32, row-major over shape [channels, axial, circumferential].
// The one implementation of the packing; the worker packs, the client unpacks (both via client.ts's re-exports).

import os from 'node:os';
import type { SignalMap } from '../../proto/generated/synthflux/solver/v1/SignalMap';
import { SIGNAL_CHANNELS, SIGNAL_UNITS } from '../domain/defect';

const LITTLE_ENDIAN_HOST = os.endianness() === 'LE';
const F32 = Float32Array.BYTES_PER_ELEMENT;

/** A decoded signal map. */
export interface SignalMapArray {
  shape: number[];
  channels: string[];
  units: string;
  /** Row-major over `shape`. */
  data: Float32Array;
}

/** float32 values -> little-endian bytes (a view, no copy, on little-endian hosts). */
export function encodeFloat32LE(values: Float32Array): Uint8Array {
  if (LITTLE_ENDIAN_HOST) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const bytes = new Uint8Array(values.length * F32);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => view.setFloat32(i * F32, value, true));
  return bytes;
}

/** Little-endian bytes -> float32 values. Always copies: wire buffers need not be 4-byte aligned. */
export function decodeFloat32LE(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength % F32 !== 0) {
    throw new RangeError(`signal map data has ${bytes.byteLength} bytes, not a multiple of ${F32}`);
  }
  const values = new Float32Array(bytes.byteLength / F32);
  if (LITTLE_ENDIAN_HOST) {
    new Uint8Array(values.buffer).set(bytes);
    return values;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < values.length; i++) values[i] = view.getFloat32(i * F32, true);
  return values;
}

/** The SignalMap message for a [3, axial, circumferential] map in tesla, from its packed bytes. */
export function signalMapMessage(packed: Uint8Array, axialCount: number, circumferentialCount: number): SignalMap {
  return {
    shape: [SIGNAL_CHANNELS.length, axialCount, circumferentialCount],
    channels: [...SIGNAL_CHANNELS],
    units: SIGNAL_UNITS,
    data: Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength),
  };
}

/** Packs float32 values of a [3, axial, circumferential] map in tesla. */
export function packSignalMap(values: Float32Array, axialCount: number, circumferentialCount: number): SignalMap {
  const expected = SIGNAL_CHANNELS.length * axialCount * circumferentialCount;
  if (values.length !== expected) {
    throw new RangeError(`signal map has ${values.length} values, shape needs ${expected}`);
  }
  return signalMapMessage(encodeFloat32LE(values), axialCount, circumferentialCount);
}

/** Decodes a received SignalMap and checks that the data matches its shape. */
export function unpackSignalMap(map: { shape: number[]; channels: string[]; units: string; data: Uint8Array }): SignalMapArray {
  const data = decodeFloat32LE(map.data);
  const expected = map.shape.reduce((product, n) => product * n, 1);
  if (data.length !== expected) {
    throw new RangeError(`signal map has ${data.length} values, shape [${map.shape.join(', ')}] needs ${expected}`);
  }
  return { shape: [...map.shape], channels: [...map.channels], units: map.units, data };
}
