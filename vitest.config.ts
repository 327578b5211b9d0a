import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * The slow files first, the quick unit tests last, so both workers finish together. Vitest orders
 * by the last run's durations, but a fresh clone (CI) has none and falls back to file size, which
 * can leave a two-minute integration file for the end while the other worker idles.
 */
class UnitTestsLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const unit = (file: TestSpecification) =>
      /[\\/]test[\\/]unit[\\/]/.test(file.moduleId) ? 1 : 0;
    // Array sort is stable: within each group the base order (durations, else size) stays.
    return (await super.sort(files)).sort((a, b) => unit(a) - unit(b));
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Most integration tests wait on child processes, PostgreSQL and timers: two files at a time
    // keep both cores busy (vitest's default here would be one). Three was tried: the cores are
    // then saturated, files take longer and 30-second tests time out.
    maxWorkers: 2,
    sequence: { sequencer: UnitTestsLast },
    // Integration tests spawn the CLI and open databases: give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
