import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// One config for the web app (vite build / dev serve apps/web) and for every test (vitest).
export default defineConfig({
  root: here('./apps/web'),
  build: { outDir: here('./apps/web/dist'), emptyOutDir: true },
  server: { proxy: { '/api': 'http://localhost:8080' } },
  test: {
    root: here('.'),
    include: ['packages/**/*.test.ts', 'apps/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
