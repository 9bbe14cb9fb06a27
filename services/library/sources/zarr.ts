// Depth grids from a local Zarr v3 store (a directory): a group with a `depths` array
// [n, axial, circumferential] in mm, the per-defect metadata in its attributes (or --meta), and
// optionally `measured` [n, 3, axial, circumferential] maps. A stored library has this layout, with
// grids padded to the largest and each defect's axialCount and circumferentialCount in the attributes.
import fs from 'node:fs';
import path from 'node:path';
import { isRealDataError } from '../../ml/real-data';
import { readZarrMaps } from '../../ml/zarr-input';
import type { NpyArray } from '../../ml/npy';
import { parseLibraryMetadata, type LibraryMetadata } from '../metadata';
import { cropSlab, stackedDefects, type LibrarySource } from '../source';
import type { LibraryIssue } from '../types';
import { readMetadataFile } from './sidecar';

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

async function readArray(dir: string, name: string, issues: LibraryIssue[]): Promise<NpyArray | undefined> {
  try {
    return await readZarrMaps(dir, name);
  } catch (err) {
    if (!isRealDataError(err)) throw err;
    issues.push({ field: name, message: err.message.replace('maps must be', `${name} must be`) });
    return undefined;
  }
}

export async function readZarrSource(dir: string, metaFile?: string): Promise<LibrarySource> {
  const root = readJson(path.join(dir, 'zarr.json')) as { node_type?: string; attributes?: unknown } | undefined;
  const source: LibrarySource = { description: `Zarr store ${path.basename(path.resolve(dir))}`, standIn: false, defects: [], issues: [] };
  if (root?.node_type !== 'group') {
    source.issues.push({ field: 'file', message: `${dir} is not a Zarr v3 group (no zarr.json with node_type 'group'); expected a group with a depths array [n, axial, circumferential]` });
    return source;
  }
  const metadata: LibraryMetadata = metaFile ? await readMetadataFile(metaFile) : parseLibraryMetadata(root.attributes);
  source.issues.push(...metadata.issues);
  source.standIn = metadata.standIn;
  if (metadata.source) source.description = metadata.source;
  const has = (name: string) => fs.existsSync(path.join(dir, name, 'zarr.json'));
  if (!has('depths')) {
    source.issues.push({ field: 'depths', message: `${dir} has no depths array; expected depths [n, axial, circumferential] in mm` });
    return source;
  }
  const depths = await readArray(dir, 'depths', source.issues);
  if (!depths) return source;
  const stacked = stackedDefects(depths, metadata, `${dir}/depths`);
  source.defects.push(...stacked.defects);
  source.issues.push(...stacked.issues);
  const measured = has('measured') ? await readArray(dir, 'measured', source.issues) : undefined;
  if (measured && (measured.shape.length !== 4 || measured.shape[1] !== 3 || measured.shape[0] !== depths.shape[0])) {
    source.issues.push({ field: 'measured', message: `${dir}/measured has shape [${measured.shape.join(', ')}]; expected [${depths.shape[0]}, 3, axial, circumferential] (Bx, By, Bz per defect)` });
    return source;
  }
  source.defects.forEach((d, k) => {
    const meta = d.meta?.measured;
    if (!meta) return;
    if (meta.file !== undefined) {
      source.issues.push({ defect: d.label, field: 'measured.file', message: "a Zarr store holds its measured maps in its 'measured' array; remove measured.file" });
      return;
    }
    if (!measured) {
      source.issues.push({ defect: d.label, field: 'measured', message: `the metadata gives a measured map but ${dir} has no measured array [n, 3, axial, circumferential]` });
      return;
    }
    const [, , A, C] = measured.shape as [number, number, number, number];
    const { axialCount: a, circumferentialCount: c } = meta.sensorGrid;
    if (a > A || c > C) {
      source.issues.push({ defect: d.label, field: 'measured.sensorGrid', message: `a ${a} x ${c} sensor grid does not fit ${dir}/measured, whose maps are ${A} x ${C}` });
      return;
    }
    const channels = [0, 1, 2].map((ch) => cropSlab({ shape: [A, C], data: measured.data.subarray((k * 3 + ch) * A * C, (k * 3 + ch + 1) * A * C) }, 0, a, c));
    const values = new Float64Array(3 * a * c);
    channels.forEach((v, ch) => values.set(v, ch * a * c));
    d.measured = { where: `${dir}/measured[${k}]`, shape: [3, a, c], values };
  });
  return source;
}
