import fs from 'node:fs';
import path from 'node:path';
import { loadZarrita } from '../store/zarr-arrays';
import type { NpyArray } from './npy';
import { RealDataError } from './real-data';

/**
 * Reads measured maps from a local Zarr v3 store: an array directory, or a group holding the array
 * `arrayName` (a synthflux dataset export has `signals`). Float32 or float64, any chunking.
 */
export async function readZarrMaps(dir: string, arrayName = 'signals'): Promise<NpyArray> {
  const meta = path.join(dir, 'zarr.json');
  if (!fs.existsSync(meta)) throw new RealDataError(`${dir}: not a Zarr v3 store (no zarr.json)`);
  const node = JSON.parse(fs.readFileSync(meta, 'utf8')) as { node_type?: string };
  const zarr = await loadZarrita();
  // zarrita's filesystem store ships as an ES module only, like zarrita itself.
  const { default: FileSystemStore } = await import('@zarrita/storage/fs');
  const root = zarr.root(new FileSystemStore(dir));
  const location = node.node_type === 'group' ? root.resolve(arrayName) : root;
  let arr;
  try {
    arr = await zarr.open.v3(location, { kind: 'array' });
  } catch (err) {
    throw new RealDataError(`${dir}: no Zarr array ${node.node_type === 'group' ? `'${arrayName}' in the group` : 'at its root'} (${(err as Error).message})`);
  }
  if (arr.dtype !== 'float32' && arr.dtype !== 'float64') throw new RealDataError(`${dir}: maps must be float32 or float64 (got ${arr.dtype})`);
  const chunk = await zarr.get(arr);
  return arr.dtype === 'float32'
    ? { dtype: 'float32', data: chunk.data as Float32Array, shape: chunk.shape }
    : { dtype: 'float64', data: chunk.data as Float64Array, shape: chunk.shape };
}
