import type { Locator, Page } from '@playwright/test';

/** The terminal panel: opened by its button, typed into through xterm's input, read from its rows. */
export class TerminalPanel {
  readonly toggle: Locator;
  readonly input: Locator;
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.toggle = page.getByRole('button', { name: /terminal$/i });
    this.input = page.getByRole('textbox', { name: 'Terminal input' });
    this.rows = page.getByTestId('terminal-screen').locator('.xterm-rows');
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Open terminal' }).click();
    await this.input.waitFor({ state: 'attached' });
    await this.screenContains('$ ');
  }

  /** Types a line as a student would (key by key) and presses Enter. */
  async run(line: string): Promise<void> {
    await this.input.focus();
    await this.page.keyboard.type(line);
    await this.page.keyboard.press('Enter');
  }

  /** The visible screen as text (xterm pads rows with no-break spaces). */
  async screen(): Promise<string> {
    const text = await this.rows.innerText();
    return text.replace(/\u00a0/g, ' ');
  }

  async screenContains(text: string | RegExp): Promise<void> {
    await this.page.waitForFunction(
      ([t, isRe]) => {
        const el = document.querySelector('[data-testid="terminal-screen"] .xterm-rows');
        const s = (el?.textContent ?? '').replace(/\u00a0/g, ' ');
        return isRe ? new RegExp(t).test(s) : s.includes(t);
      },
      [typeof text === 'string' ? text : text.source, typeof text !== 'string'] as const,
    );
  }

  async clear(): Promise<void> {
    await this.input.focus();
    await this.page.keyboard.press('Control+l');
  }
}
