import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Most integration tests wait on child processes, PostgreSQL and timers: two files at a time
    // keep both cores busy (vitest's default here would be one). Three was tried: the cores are
    // then saturated, files take longer and 30-second tests time out.
    maxWorkers: 2,
    // Integration tests spawn the CLI and open databases: give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
