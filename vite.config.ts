import { defineConfig } from 'vite';

// The renderer: built into build/renderer and served from app:// (Electron) or the preview route.
export default defineConfig({
  root: 'renderer',
  base: './',
  build: {
    outDir: '../build/renderer',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
  oxc: { jsx: { runtime: 'automatic' } },
});
