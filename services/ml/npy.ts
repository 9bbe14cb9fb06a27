// NumPy .npy files (format 1.0, C order, little-endian): the Python ML jobs' input and output format,
// because Debian's python3-zarr (2.x) cannot read the campaign's Zarr v3 store.

export type NpyArray = { dtype: 'float32'; data: Float32Array; shape: number[] } | { dtype: 'float64'; data: Float64Array; shape: number[] };

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);
const DESCR = { float32: '<f4', float64: '<f8' } as const;

export class NpyFormatError extends Error {
  override readonly name = 'NpyFormatError';
}

export function isNpyFormatError(err: unknown): err is NpyFormatError {
  return err instanceof NpyFormatError;
}

export function encodeNpy(array: NpyArray): Buffer {
  const count = array.shape.reduce((a, b) => a * b, 1);
  if (count !== array.data.length) throw new RangeError(`npy: shape [${array.shape.join(',')}] needs ${count} values, got ${array.data.length}`);
  const shape = array.shape.length === 1 ? `(${array.shape[0]},)` : `(${array.shape.join(', ')})`;
  let header = `{'descr': '${DESCR[array.dtype]}', 'fortran_order': False, 'shape': ${shape}, }`;
  // Header length (plus magic, version and length field) is padded to a multiple of 64 with a final newline.
  const unpadded = MAGIC.length + 2 + 2 + header.length + 1;
  header = header + ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const head = Buffer.alloc(MAGIC.length + 4);
  MAGIC.copy(head);
  head[6] = 1;
  head[7] = 0;
  head.writeUInt16LE(header.length, 8);
  const body = Buffer.from(array.data.buffer, array.data.byteOffset, array.data.byteLength);
  return Buffer.concat([head, Buffer.from(header, 'latin1'), body]);
}

export function decodeNpy(bytes: Buffer, what = 'npy file'): NpyArray {
  if (bytes.length < 10 || !bytes.subarray(0, 6).equals(MAGIC)) throw new NpyFormatError(`${what} is not a NumPy .npy file`);
  const major = bytes[6];
  const headerLength = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const start = major === 1 ? 10 : 12;
  const header = bytes.subarray(start, start + headerLength).toString('latin1');
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || !fortran || shapeText === undefined) throw new NpyFormatError(`${what}: unreadable header ${header.trim()}`);
  if (fortran === 'True') throw new NpyFormatError(`${what}: Fortran-order arrays are not supported; save with np.ascontiguousarray`);
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  const offset = start + headerLength;
  const count = shape.reduce((a, b) => a * b, 1);
  const copy = (bytesPer: number): ArrayBuffer => {
    if (bytes.length - offset !== count * bytesPer) {
      throw new NpyFormatError(`${what}: shape [${shape.join(',')}] needs ${count * bytesPer} bytes of data, file has ${bytes.length - offset}`);
    }
    return bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + count * bytesPer) as ArrayBuffer;
  };
  if (descr === '<f4') return { dtype: 'float32', data: new Float32Array(copy(4)), shape };
  if (descr === '<f8') return { dtype: 'float64', data: new Float64Array(copy(8)), shape };
  throw new NpyFormatError(`${what}: dtype ${descr} is not supported (expected little-endian float32 '<f4' or float64 '<f8')`);
}
