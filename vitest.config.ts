// Test runner configuration: Node environment, one process pool sized for a 2-core CI machine. Under CI the run also
// writes a JSON report, from which .ci/run prints the plain "N passed, N failed, N skipped" closing line.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test/artifacts/vitest-report.json' }]] : ['default'],
  },
});
