import type { InferenceSession as Session } from 'onnxruntime-node';
import { SeededRandom, mixSeed } from './standin/random';

// onnxruntime-node loads a native library; import it on first use so workers without ML work never load it.
type Ort = typeof import('onnxruntime-node');
let ort: Ort | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- synchronous, lazy load of a native addon
const loadOrt = (): Ort => (ort ??= require('onnxruntime-node') as Ort);

/** The exported refiner (SimGAN, pix2pix or the multichannel autoencoder): inputs `signals` and `noise` [B, 3, axial, circ], output `refined`, all tesla. */
export class OnnxRefiner {
  private constructor(private readonly session: Session) {}

  static async load(modelPath: string, threads = 1): Promise<OnnxRefiner> {
    const { InferenceSession } = loadOrt();
    return new OnnxRefiner(await InferenceSession.create(modelPath, { intraOpNumThreads: threads, interOpNumThreads: 1 }));
  }

  /**
   * Refines maps. Failed simulations (NaN rows) stay NaN and are not fed to the model; the noise
   * comes from `seed`, so a retried batch writes the same bytes.
   */
  async refine(signals: Float32Array, shape: readonly number[], seed: number): Promise<Float32Array> {
    const { Tensor } = loadOrt();
    const [count, ...map] = shape as [number, number, number, number];
    const mapSize = map[0] * map[1] * map[2];
    const finite: number[] = [];
    for (let k = 0; k < count; k++) if (isFiniteRow(signals, k, mapSize)) finite.push(k);
    const out = new Float32Array(signals.length).fill(NaN);
    if (finite.length === 0) return out;
    const input = new Float32Array(finite.length * mapSize);
    finite.forEach((k, r) => input.set(signals.subarray(k * mapSize, (k + 1) * mapSize), r * mapSize));
    const noise = new SeededRandom(seed).fillNormal(new Float32Array(input.length));
    const dims = [finite.length, ...map];
    const result = await this.session.run({ signals: new Tensor('float32', input, dims), noise: new Tensor('float32', noise, dims) });
    const refined = result['refined']?.data as Float32Array | undefined;
    if (!refined || refined.length !== input.length) throw new Error(`refiner returned ${refined?.length ?? 0} values for ${input.length} inputs`);
    finite.forEach((k, r) => out.set(refined.subarray(r * mapSize, (r + 1) * mapSize), k * mapSize));
    return out;
  }

  /** Runs the model on given noise (the training job's probe) to prove the export matches PyTorch. */
  async runRaw(signals: Float32Array, noise: Float32Array, shape: readonly number[]): Promise<Float32Array> {
    const { Tensor } = loadOrt();
    const result = await this.session.run({ signals: new Tensor('float32', signals, [...shape]), noise: new Tensor('float32', noise, [...shape]) });
    return result['refined']!.data as Float32Array;
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}

function isFiniteRow(data: Float32Array, k: number, size: number): boolean {
  for (let i = k * size; i < (k + 1) * size; i++) if (!Number.isFinite(data[i]!)) return false;
  return true;
}

export const batchNoiseSeed = (seed: number, batchIndex: number): number => mixSeed(seed, batchIndex);
