// Types of scripts/build-electron.mjs for the tests.
import type { BuildOptions, Metafile } from 'esbuild';

export declare const ROOT: string;

export type ElectronBuildPaths = { root?: string; outDir?: string };

export declare function electronBuildOptions(opts?: ElectronBuildPaths): {
  main: BuildOptions & { outfile: string; entryPoints: string[] };
  checkWorker: BuildOptions & { outfile: string; entryPoints: string[] };
  preload: BuildOptions & { outfile: string; entryPoints: string[] };
};

export declare function buildElectron(opts?: ElectronBuildPaths): Promise<{
  mainFile: string;
  preloadFile: string;
  checkWorkerFile: string;
  metafiles: { main: Metafile; preload: Metafile; checkWorker: Metafile };
}>;
