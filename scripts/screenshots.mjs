#!/usr/bin/env node
// Takes screenshots of the main screens from a running static server, for review and the README.
// Usage: node scripts/screenshots.mjs BASE_URL OUT_DIR
import { chromium } from '@playwright/test';
import { mkdir } from 'node:fs/promises';

const [base = 'http://127.0.0.1:4179/pod-network-lab/', out = 'screenshots'] = process.argv.slice(2);
await mkdir(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
const shots = JSON.parse(process.env.SHOTS ?? '[]');
for (const shot of shots) {
  const page = await browser.newPage({
    viewport: shot.viewport ?? { width: 1280, height: 720 },
    colorScheme: shot.dark ? 'dark' : 'light',
  });
  await page.goto(base + (shot.hash ?? ''));
  for (const step of shot.steps ?? []) {
    if (step.click)
      await page
        .getByRole(step.role ?? 'button', { name: step.click, exact: true })
        .first()
        .click();
    if (step.fill) await page.getByLabel(step.label, { exact: true }).fill(step.fill);
    if (step.select) await page.getByLabel(step.label, { exact: true }).selectOption(step.select);
    if (step.wait) await page.waitForTimeout(step.wait);
  }
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${out}/${shot.name}.png`, fullPage: Boolean(shot.full) });
  await page.close();
}
await browser.close();
