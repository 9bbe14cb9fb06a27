import type * as Minio from 'minio';
import { readObject } from './s3';

type AbsolutePath = `/${string}`;

/**
 * A zarrita store over an S3 prefix: zarr key `/signals/c/0/0/0/0` lives at `<prefix>/signals/c/0/0/0/0`.
 * Each chunk is one object, so concurrent batches write disjoint keys and a retry overwrites the
 * same object with the same bytes.
 */
export class S3ZarrStore {
  constructor(
    private readonly client: Minio.Client,
    readonly bucket: string,
    readonly prefix: string,
  ) {}

  objectKey(key: AbsolutePath): string {
    return `${this.prefix}${key}`;
  }

  /**
   * The object's bytes in a buffer of their own. Node hands small objects back inside a shared
   * pool; zarrita decodes a chunk as a view on its bytes' buffer and, rewriting part of a chunk,
   * encodes that whole buffer, so a pooled chunk would be stored as the pool's contents.
   */
  async get(key: AbsolutePath): Promise<Uint8Array | undefined> {
    const body = await readObject(this.client, this.bucket, this.objectKey(key));
    if (!body) return undefined;
    const own = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
    return own ? new Uint8Array(body.buffer, 0, body.byteLength) : new Uint8Array(body);
  }

  async set(key: AbsolutePath, value: Uint8Array): Promise<void> {
    const contentType = key.endsWith('.json') ? 'application/json' : 'application/octet-stream';
    await this.client.putObject(this.bucket, this.objectKey(key), Buffer.from(value.buffer, value.byteOffset, value.byteLength), value.byteLength, {
      'Content-Type': contentType,
    });
  }
}
