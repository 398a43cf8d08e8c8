import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Builds the floor app (scripts/floor) into dist-floor/, with the lab's own build target.
export default defineConfig({
  root: 'scripts/floor',
  base: './',
  logLevel: 'warn',
  plugins: [react()],
  build: { target: 'es2022', outDir: '../../dist-floor', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
