import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'e2e/**', '.next/**', 'dist/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Migrates the shared Postgres (DATABASE_URL) once before any file starts, so files can run in parallel
    // without racing on drizzle's migrations table. Every file isolates its data in its own workspace.
    globalSetup: ['./test/global-setup.ts'],
    pool: 'forks',
  },
});
