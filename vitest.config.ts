import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Most integration tests wait on child processes, PostgreSQL, Chromium and timers: three files
    // at a time keep both cores busy (vitest's default here would be one; two left them idle for
    // a third of the run).
    maxWorkers: 3,
    // Integration tests spawn the CLI and open databases: give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
