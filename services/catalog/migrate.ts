import fs from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';

// Migrations are the SQL that `prisma migrate diff` produced from prisma/schema.prisma, applied
// in order inside one transaction under an advisory lock, so concurrent starters cannot race.
const MIGRATIONS_DIR = path.join(__dirname, '..', '..', 'prisma', 'migrations');
const MIGRATION_LOCK_KEY = 0x5f17f1;

/** Creates the database named in the URL if it does not exist yet. */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const dbName = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(dbName)) {
    throw new Error(`DATABASE_URL: database name must match [A-Za-z0-9_]+ (got '${dbName}')`);
  }
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName]);
    if (found.rowCount === 0) {
      await admin.query(`CREATE DATABASE "${dbName}"`).catch((err: { code?: string }) => {
        if (err.code !== '42P04') throw err; // created by a concurrent starter
      });
    }
  } finally {
    await admin.end();
  }
}

export async function listMigrations(): Promise<{ name: string; sql: string }[]> {
  const names = (await fs.readdir(MIGRATIONS_DIR)).sort();
  return Promise.all(
    names.map(async (name) => ({ name, sql: await fs.readFile(path.join(MIGRATIONS_DIR, name, 'migration.sql'), 'utf8') })),
  );
}

/** Applies pending migrations; returns the names it applied. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS synthflux_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await client.query<{ name: string }>('SELECT name FROM synthflux_migrations')).rows.map((r) => r.name));
    const applied: string[] = [];
    for (const migration of await listMigrations()) {
      if (done.has(migration.name)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO synthflux_migrations (name) VALUES ($1)', [migration.name]);
      applied.push(migration.name);
    }
    await client.query('COMMIT');
    return applied;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}

export async function prepareCatalog(databaseUrl: string): Promise<string[]> {
  await ensureDatabase(databaseUrl);
  return applyMigrations(databaseUrl);
}
