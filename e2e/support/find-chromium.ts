import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { chromium } from '@playwright/test';

/** Where a Chromium was found, and how. */
export interface ChromiumLocation {
  readonly path: string;
  readonly source: string;
}

function onPath(name: string): string | null {
  try {
    const out = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
    return out.length > 0 ? out : null;
  } catch {
    return null;
  }
}

/**
 * Finds a Chromium for the e2e suite without downloading anything, in this order:
 * $CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser, google-chrome on the PATH,
 * then Playwright's own installed browser. Returns null when there is none.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumLocation | null {
  const fromEnv = env['CHROMIUM_PATH'];
  if (fromEnv) {
    if (existsSync(fromEnv)) return { path: fromEnv, source: 'CHROMIUM_PATH' };
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but no file is there.`);
  }
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (existsSync(candidate)) return { path: candidate, source: candidate };
  }
  const chrome = onPath('google-chrome');
  if (chrome) return { path: chrome, source: 'google-chrome on PATH' };
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return { path: own, source: "Playwright's installed browser" };
  } catch {
    // Playwright has no browser of its own installed.
  }
  return null;
}

export const NO_CHROMIUM_MESSAGE = [
  'No Chromium found for the end-to-end tests.',
  'Looked at: $CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser, google-chrome on the PATH,',
  "and Playwright's own browser.",
  'Install one of them:',
  '  Debian/Ubuntu:  sudo apt-get install chromium',
  '  or:             npx playwright install chromium',
  'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
].join('\n');

/** Flags a locked-down machine needs: no sandbox when running as root, no GPU, nothing phoning home. */
export function chromiumArgs(isRoot: boolean): string[] {
  return [
    ...(isRoot ? ['--no-sandbox'] : []),
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ];
}
