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

/** The scripts/setup.sh targets that build binaries: `stack` the stack's servers, `test` the rest. */
export type SetupTarget = 'stack' | 'test';

/**
 * A binary scripts/setup.sh built into the per-user cache, keyed by the version pinned under
 * `versionKey` in scripts/versions.env; `target` is the setup command that builds it.
 */
export function cachedBinary(name: string, versionKey: string, target: SetupTarget): string {
  const version = pinnedVersions()[versionKey];
  const cache = process.env.SYNTHFLUX_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'synthflux');
  const file = path.join(cache, 'bin', `${name}-${version}`, name);
  if (!fs.existsSync(file)) throw new Error(`${name} ${version} is not built at ${file}: run \`bash scripts/setup.sh ${target}\` to build it`);
  return file;
}

/** The embedded stack's servers. */
export function serverBinaries(): { temporal: string; minio: string } {
  return { temporal: cachedBinary('temporal', 'TEMPORAL_CLI_VERSION', 'stack'), minio: cachedBinary('minio', 'MINIO_VERSION', 'stack') };
}
