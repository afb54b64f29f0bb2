import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// One config for the web app (vite build / dev serve apps/web) and for every test (vitest).
export default defineConfig({
  root: here('./apps/web'),
  build: {
    outDir: here('./apps/web/dist'), emptyOutDir: true,
    // The editor is one app of about 1 MB; React Query's and React Flow's "use client" directives
    // mean nothing without server components. Neither is worth a warning on every first start.
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:8080' } },
  test: {
    root: here('.'),
    include: ['packages/**/*.test.ts', 'apps/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
