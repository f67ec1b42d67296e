import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Integration tests share one MariaDB server; files run in parallel on separate databases.
    // The limits are generous because the machine is shared: a slow round is not a failure, a
    // wrong result is.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
