import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Integration tests share one MariaDB server; files run in parallel on separate databases.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
