import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium with a fresh profile and no background network (ARCHITECTURE.md). */
export async function launchChromium(opts: { headless: boolean; width?: number; height?: number }): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), 'workstation-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: opts.headless,
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-features=Translate,MediaRouter'],
  });
}
