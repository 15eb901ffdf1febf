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
    rollupOptions: {
      // MUI marks its modules 'use client' for React Server Components; a desktop bundle has none.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  oxc: { jsx: { runtime: 'automatic' } },
});
