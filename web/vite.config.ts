import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The browser UI: built to web/dist and served by the Tocsin server at `/`. */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
