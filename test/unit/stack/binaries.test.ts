// A command that needs a binary setup has not built, or PostgreSQL binaries that are not there,
// stops with a message naming what to run or install.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serverBinaries } from '../../../services/stack/paths';
import { postgresBinDir, PostgresBinariesMissingError } from '../../../services/stack/postgres';
import { kubeBinaries } from '../../kube/binaries';

describe('where the binaries are looked for', () => {
  let empty: string;
  const saved = process.env.SYNTHFLUX_CACHE_DIR;
  beforeAll(() => {
    empty = fs.mkdtempSync(path.join(os.tmpdir(), 'synthflux-empty-'));
    process.env.SYNTHFLUX_CACHE_DIR = empty;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.SYNTHFLUX_CACHE_DIR;
    else process.env.SYNTHFLUX_CACHE_DIR = saved;
    fs.rmSync(empty, { recursive: true, force: true });
  });

  it('the stack servers name `setup.sh stack`', () => {
    expect(() => serverBinaries()).toThrow(new RegExp(`^temporal v[\\d.]+ is not built at ${empty}/bin/temporal-v[\\d.]+/temporal: run \`bash scripts/setup.sh stack\` to build it$`));
  });

  it('the Kubernetes test servers name `setup.sh test`', () => {
    expect(() => kubeBinaries()).toThrow(/^kube-apiserver v[\d.]+ is not built at .*: run `bash scripts\/setup.sh test` to build it$/);
  });

  it('PostgreSQL: the directory looked in and the Debian package to install', () => {
    const call = (): string => postgresBinDir({ SYNTHFLUX_POSTGRES_BIN_DIR: empty });
    expect(call).toThrow(PostgresBinariesMissingError);
    expect(call).toThrow(`no PostgreSQL server binaries (initdb, postgres) in ${empty} (SYNTHFLUX_POSTGRES_BIN_DIR): point it at a PostgreSQL bin directory, or install Debian's postgresql package (apt-get install postgresql)`);
  });

  it('PostgreSQL: a directory with both binaries is taken as it is', () => {
    for (const name of ['initdb', 'postgres']) fs.writeFileSync(path.join(empty, name), '#!/bin/sh\n', { mode: 0o755 });
    expect(postgresBinDir({ SYNTHFLUX_POSTGRES_BIN_DIR: empty })).toBe(empty);
  });
});
