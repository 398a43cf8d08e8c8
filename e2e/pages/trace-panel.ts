import type { Locator, Page } from '@playwright/test';

/** The packet trace controls, event list and packet inspector. */
export class TracePanel {
  readonly events: Locator;
  readonly current: Locator;
  readonly packet: Locator;

  constructor(readonly page: Page) {
    this.events = page.getByRole('list', { name: 'Trace events' });
    this.current = this.events.locator('[aria-current="step"]');
    this.packet = page.locator('section[aria-labelledby="packet-heading"]');
  }

  async trace(
    from: string,
    to: string,
    protocol: 'icmp' | 'tcp' | 'udp' | 'sctp' = 'icmp',
    port?: number,
  ): Promise<void> {
    await this.page.getByLabel('From', { exact: true }).selectOption(`pod/default/${from}`);
    await this.page.getByLabel('To', { exact: true }).selectOption(`default/${to}`);
    await this.page.getByLabel('Protocol').selectOption(protocol);
    if (port !== undefined) await this.page.getByLabel('Port').fill(String(port));
    await this.page.getByRole('button', { name: 'Trace packet' }).click();
  }

  button(name: 'Play' | 'Pause' | 'Step forward' | 'Step back' | 'Reset'): Locator {
    return this.page
      .getByRole('group', { name: 'Simulation controls' })
      .getByRole('button', { name, exact: true });
  }
}
