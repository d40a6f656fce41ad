import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Two test files at a time even on two cores (Vitest's default there is one): most of a test's
 * time is spent in a child process (an ingest, a build, Chromium) or waiting for one, so a second
 * file fills the other core. Unit and end-to-end files share one queue: the e2e files only read
 * the site the global setup built (report.test.ts prints PDFs into a copy of it), each with its own
 * server and browser. Measured in docs/tests.md ("Time").
 */
const workers = Math.max(2, availableParallelism() - 1);

export default defineConfig({
  test: {
    maxWorkers: workers,
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 60_000 } },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
