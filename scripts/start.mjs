// `npm start`: check for the Electron runtime, build the renderer and the Electron bundles, then
// run Electron on build/electron/main.cjs. The check comes first and never loads the `electron`
// package's index, which would try to download the binary (not reachable on these machines).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');

export const MISSING_MESSAGE =
  'The Electron runtime is not installed on this machine (its download is not available here). ' +
  'Run `npm run preview` to use the workstation in Chromium instead.';

/** Electron's executable inside its dist folder, as the electron package's install writes path.txt. */
function executableName(electronDir, platform) {
  const pathFile = join(electronDir, 'path.txt');
  if (existsSync(pathFile)) return readFileSync(pathFile, 'utf8').trim();
  if (platform === 'win32') return 'electron.exe';
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return 'electron';
}

/**
 * The Electron binary, or null when it is not installed. Honours ELECTRON_OVERRIDE_DIST_PATH as
 * the electron package itself does.
 */
export function electronBinary(root = ROOT, env = process.env, platform = process.platform) {
  let electronDir;
  try {
    electronDir = dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist');
  const binary = join(dist, executableName(electronDir, platform));
  return existsSync(binary) ? binary : null;
}

async function main(argv) {
  const binary = electronBinary();
  if (!binary) {
    process.stderr.write(`${MISSING_MESSAGE}\n`);
    return 1;
  }
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  const { buildElectron } = await import('./build-electron.mjs');
  const { mainFile } = await buildElectron();
  const env = { ...process.env };
  // Set in a parent shell it would make Electron behave as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [mainFile, ...argv], { stdio: 'inherit', env });
  return new Promise((done) => {
    child.on('error', (err) => {
      process.stderr.write(`Electron could not be started: ${err.message}\n`);
      done(1);
    });
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err) => {
      process.stderr.write(`npm start: ${err?.message ?? err}\n`);
      process.exitCode = 1;
    },
  );
}
