import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, findChromium, NO_CHROMIUM_MESSAGE } from './e2e/support/find-chromium.ts';
import { BASE_PATH, PORT } from './e2e/support/server-config.ts';

const browser = findChromium();
if (!browser) {
  console.error(NO_CHROMIUM_MESSAGE);
  process.exit(1);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

const browserUse = {
  ...devices['Desktop Chrome'],
  viewport: { width: 1280, height: 720 },
  launchOptions: { executablePath: browser.path, headless: true, args: chromiumArgs(isRoot) },
};

// The suite runs against the production build in dist/, served by a plain static file
// server under a sub-path, the way GitHub Pages serves a project site.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  forbidOnly: true,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}${BASE_PATH}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: 'performance.spec.ts',
      use: browserUse,
    },
    {
      // Timing is measured alone, after every other spec and one test at a time, so no other
      // browser competes for the CPU.
      name: 'performance',
      testMatch: 'performance.spec.ts',
      dependencies: ['chromium'],
      workers: 1,
      use: browserUse,
    },
  ],
  webServer: {
    command: `node scripts/serve-static.mjs dist ${PORT} ${BASE_PATH}`,
    url: `http://127.0.0.1:${PORT}${BASE_PATH}`,
    reuseExistingServer: !process.env['CI'],
    timeout: 20_000,
  },
});
