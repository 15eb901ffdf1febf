// Bundle the Electron main process and the preload with esbuild:
//   main/electron/main.ts    → build/electron/main.cjs    (Node, CommonJS; electron and
//                               better-sqlite3-multiple-ciphers stay external: one is the runtime, the other has a
//                               native addon that must load from node_modules)
//   main/db/check-worker.ts  → build/electron/check-worker.cjs (the open check's worker thread)
//   main/electron/preload.ts → build/electron/preload.cjs (one file requiring only electron: a
//                               sandboxed preload cannot require project modules; the contract's
//                               channel and event names are inlined, without zod and the schemas)
// `node scripts/build-electron.mjs`, or import buildElectron (scripts/start.mjs, the tests).
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const ROOT = resolve(import.meta.dirname, '..');

/**
 * In a CommonJS bundle `import.meta` is empty: point its fields at the bundle's own file, so
 * `import.meta.dirname` is build/electron and `createRequire(import.meta.url)` resolves from there.
 */
const IMPORT_META_BANNER = 'const __import_meta_url = require("node:url").pathToFileURL(__filename).href;';

/** The contract's channel and event names, read from the contract itself (bundled in memory). */
export async function contractNames(root = ROOT) {
  const out = await build({
    absWorkingDir: root,
    entryPoints: [join(root, 'shared/ipc/contract.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'warning',
  });
  const code = out.outputFiles[0].text;
  const { CHANNELS, EVENTS } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return { CHANNELS: [...CHANNELS], EVENTS: [...EVENTS] };
}

/**
 * For the preload: the contract module replaced by its names. The bridge only needs the names;
 * zod and every schema would be dead weight in each window. A new value imported from the
 * contract into the preload fails the build ("No matching export").
 */
function contractNamesPlugin(root) {
  const contract = join(root, 'shared/ipc/contract');
  return {
    name: 'contract-names',
    setup(b) {
      b.onResolve({ filter: /[\\/]ipc[\\/]contract(\.ts)?$/ }, (args) => {
        const target = resolve(args.resolveDir, args.path).replace(/\.ts$/, '');
        return target === contract ? { path: contract, namespace: 'contract-names' } : undefined;
      });
      b.onLoad({ filter: /.*/, namespace: 'contract-names' }, async () => {
        const { CHANNELS, EVENTS } = await contractNames(root);
        return { contents: `export const CHANNELS = ${JSON.stringify(CHANNELS)};\nexport const EVENTS = ${JSON.stringify(EVENTS)};\n`, loader: 'js' };
      });
    },
  };
}

/** The esbuild options of both bundles (outDir defaults to build/electron). */
export function electronBuildOptions({ root = ROOT, outDir = join(root, 'build/electron') } = {}) {
  const common = {
    absWorkingDir: root,
    bundle: true,
    format: 'cjs',
    sourcemap: false,
    minify: false,
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  };
  return {
    main: {
      ...common,
      entryPoints: [join(root, 'main/electron/main.ts')],
      outfile: join(outDir, 'main.cjs'),
      platform: 'node',
      target: 'node22',
      external: ['electron', 'better-sqlite3-multiple-ciphers'],
      banner: { js: IMPORT_META_BANNER },
      define: {
        'import.meta.url': '__import_meta_url',
        'import.meta.dirname': '__dirname',
        'import.meta.filename': '__filename',
      },
    },
    // The caseload's open check runs in a worker thread (main/db/background-check.ts finds this
    // file beside main.cjs).
    checkWorker: {
      ...common,
      entryPoints: [join(root, 'main/db/check-worker.ts')],
      outfile: join(outDir, 'check-worker.cjs'),
      platform: 'node',
      target: 'node22',
      external: ['better-sqlite3-multiple-ciphers'],
    },
    preload: {
      ...common,
      entryPoints: [join(root, 'main/electron/preload.ts')],
      outfile: join(outDir, 'preload.cjs'),
      // The browser platform: a Node module pulled in by mistake fails the build.
      platform: 'browser',
      target: 'es2023',
      external: ['electron'],
      plugins: [contractNamesPlugin(root)],
    },
  };
}

/** Build both bundles; resolves to their paths and esbuild's metafiles. */
export async function buildElectron(opts = {}) {
  const options = electronBuildOptions(opts);
  const [main, preload, checkWorker] = await Promise.all([build(options.main), build(options.preload), build(options.checkWorker)]);
  return {
    mainFile: options.main.outfile,
    preloadFile: options.preload.outfile,
    checkWorkerFile: options.checkWorker.outfile,
    metafiles: { main: main.metafile, preload: preload.metafile, checkWorker: checkWorker.metafile },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildElectron().then(
    (r) => process.stderr.write(`electron bundles: ${r.mainFile}, ${r.preloadFile}\n`),
    (err) => {
      process.stderr.write(`build-electron: ${err?.message ?? err}\n`);
      process.exitCode = 1;
    },
  );
}
