import type { TestProject } from 'vitest/node';
import { openDatabase, runMigrations } from '@/db/client';

declare module 'vitest' {
  export interface ProvidedContext {
    /** True when the Postgres in DATABASE_URL was migrated once before any test file started. */
    postgresMigrated: boolean;
  }
}

/**
 * Migrates the shared Postgres once, before the test files start: several files migrating the same database at
 * the same time race on drizzle's migrations table. In-memory PGlite needs nothing here (one database per file).
 */
export default async function setup(project: TestProject) {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    project.provide('postgresMigrated', false);
    return;
  }
  const handle = await openDatabase({ databaseUrl, pgliteDir: 'memory://', poolSize: 1 });
  try {
    await runMigrations(handle);
  } finally {
    await handle.close();
  }
  project.provide('postgresMigrated', true);
}
