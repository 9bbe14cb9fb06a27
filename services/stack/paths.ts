import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');

/** Where the embedded stack keeps its state, logs, pid files and generated credentials. */
export const defaultStackDir = (): string => process.env.SYNTHFLUX_STACK_DIR ?? path.join(repoRoot, '.synthflux');

function pinnedVersions(): Record<string, string> {
  const text = fs.readFileSync(path.join(repoRoot, 'scripts', 'versions.env'), 'utf8');
  return Object.fromEntries(
    text
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => line.split('=', 2) as [string, string]),
  );
}

/** The server binaries scripts/setup.sh built, from the per-user cache keyed by version. */
export function serverBinaries(): { temporal: string; minio: string } {
  const versions = pinnedVersions();
  const cache = process.env.SYNTHFLUX_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'synthflux');
  const bin = (name: string, version: string | undefined): string => {
    const file = path.join(cache, 'bin', `${name}-${version}`, name);
    if (!fs.existsSync(file)) throw new Error(`${name} ${version} is not built at ${file}: run scripts/setup.sh first`);
    return file;
  };
  return { temporal: bin('temporal', versions.TEMPORAL_CLI_VERSION), minio: bin('minio', versions.MINIO_VERSION) };
}
