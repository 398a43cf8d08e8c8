import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { courseEntryPlugin } from './scripts/course-entry-plugin.ts';

// `base: './'` makes every asset URL relative, so the same dist/ works at the
// site root and under a GitHub Pages project path (https://USER.github.io/REPO/).
export default defineConfig({
  base: './',
  plugins: [react(), tailwindcss(), courseEntryPlugin()],
  build: {
    target: 'es2022',
    sourcemap: true,
    manifest: true,
    chunkSizeWarningLimit: 1200,
  },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'conformance/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
