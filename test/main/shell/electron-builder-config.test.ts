import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The YAML reader and the schema check are electron-builder's own (its app-builder-lib, which
// reads this file on a release machine), resolved along its dependency chain.
const ROOT = join(import.meta.dirname, '../../..');
const electronBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
const builderRequire = createRequire(electronBuilder.resolve('app-builder-lib/package.json'));
const yaml = builderRequire('js-yaml') as { load(text: string): unknown };
const text = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
type Target = { target: string; arch?: string[] };
type Config = {
  appId: string;
  productName: string;
  directories: { output: string; buildResources?: string };
  files: string[];
  extraMetadata: { main: string };
  asarUnpack: string[];
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  win: { target: Target[]; icon: string };
  mac: { target: Target[]; icon: string };
  linux: { target: Target[]; icon: string };
};
const config = yaml.load(text) as Config;

function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema check", async () => {
    const { validateConfiguration } = builderRequire('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = builderRequire('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app', () => {
    expect(config.appId).toBe('org.mosers.counselor-workstation');
    expect(config.productName).toBe('MOSERS Counselor Workstation');
    expect(config.directories.output).toBe('dist');
  });

  it.each([
    ['win', 'nsis'],
    ['mac', 'dmg'],
    ['linux', 'AppImage'],
    ['linux', 'deb'],
  ] as const)('%s builds %s', (platform, target) => {
    expect(config[platform].target.map((t) => t.target)).toContain(target);
  });

  it.each([
    ['runAsNode', false],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    ['enableCookieEncryption', true],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['onlyLoadAppFromAsar', true],
    ['grantFileProtocolExtraPrivileges', false],
  ] as const)('fuse %s is %s', (fuse, value) => {
    expect(config.electronFuses[fuse]).toBe(value);
  });

  it('does not rebuild native modules and unpacks .node addons from the asar', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('packs only the built bundles and package.json, starting the bundled main', () => {
    expect(config.extraMetadata.main).toBe('build/electron/main.cjs');
    const included = config.files.filter((f) => !f.startsWith('!'));
    expect(included.sort()).toEqual(['build/electron/**', 'build/renderer/**', 'package.json']);
    for (const f of included) expect(f).not.toMatch(/^(main|shared|renderer|test|docs|scripts|examples)\//);
  });

  it('every icon it names exists, the PNGs at their sizes', () => {
    const icon = (p: string) => join(ROOT, p);
    expect(pngSize(icon('assets/icon.png'))).toEqual({ width: 512, height: 512 });
    for (const s of [16, 32, 48, 64, 128, 256, 512]) expect(pngSize(icon(`${config.linux.icon}/${s}x${s}.png`))).toEqual({ width: s, height: s });
    expect(readFileSync(icon(config.win.icon)).readUInt16LE(2)).toBe(1);
    expect(readFileSync(icon(config.mac.icon)).subarray(0, 4).toString('latin1')).toBe('icns');
  });
});
