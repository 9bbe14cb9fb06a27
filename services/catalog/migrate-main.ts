// Production migrations (`npm run db:migrate`, and the `migrate` init container in k8s/base):
// applies the pending catalog migrations under the advisory lock in migrate.ts, so the API and
// worker pods that start together apply each migration once and the rest wait, then find nothing
// to do. It never creates the database: in a cluster that belongs to the operator, and the
// migrating role needs no CREATEDB.

import { z } from 'zod';
import { applyMigrations } from './migrate';

const migrateConfigSchema = z.object({
  DATABASE_URL: z
    .string({ message: 'DATABASE_URL is required: postgresql://user@host:5432/database of the catalog to migrate' })
    .regex(/^postgres(ql)?:\/\/\S+$/, 'DATABASE_URL must be a postgresql:// URL: postgresql://user@host:5432/database'),
});

/** Host and database only: the URL's user and password stay out of the log. */
function describeDatabase(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `${url.host}${url.pathname}`;
}

async function main(): Promise<void> {
  const parsed = migrateConfigSchema.safeParse(process.env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`migrate: ${issue.message}`);
    process.exit(2);
  }
  const databaseUrl = parsed.data.DATABASE_URL;
  const applied = await applyMigrations(databaseUrl);
  console.log(
    applied.length
      ? `migrate: applied ${applied.length} migration(s) to ${describeDatabase(databaseUrl)}: ${applied.join(', ')}`
      : `migrate: ${describeDatabase(databaseUrl)} is up to date`,
  );
}

main().catch((err: unknown) => {
  console.error(`migrate: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
