import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts'],
          environment: 'node',
          // a few unit tests run real tools (pdftoppm, LibreOffice-free PDF builds): 5 s is too short on a busy machine
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file gets its own database (SQLite file or PostgreSQL schema); files may run in parallel.
          fileParallelism: true,
        },
      },
    ],
  },
});
