import type { Locator, Page } from '@playwright/test';

/** The lab screen as a student sees it: controls by role and accessible name. */
export class LabPage {
  readonly podsTable: Locator;
  readonly nodesList: Locator;
  readonly topology: Locator;
  readonly schedulePod: Locator;
  readonly nodeSelect: Locator;
  readonly podName: Locator;

  constructor(readonly page: Page) {
    this.podsTable = page.getByRole('table', { name: 'Pods' });
    this.nodesList = page.getByRole('list', { name: 'Nodes' });
    this.topology = page.getByTestId('topology');
    this.schedulePod = page.getByRole('button', { name: 'Schedule pod' });
    this.nodeSelect = page.getByLabel('Node', { exact: true });
    this.podName = page.getByLabel('Pod name');
  }

  async open(hash = '#/sandbox'): Promise<void> {
    await this.page.goto(`./${hash}`);
    await this.topology.locator('canvas').first().waitFor();
  }

  /** Schedules a pod from the form; `node` undefined lets the scheduler choose. */
  async scheduleOn(node?: string, name?: string): Promise<void> {
    if (name !== undefined) await this.podName.fill(name);
    await this.nodeSelect.selectOption(node ?? { label: 'Let the scheduler choose' });
    await this.schedulePod.click();
  }

  podRow(name: string): Locator {
    return this.podsTable
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  /** The classes of one drawn element (summary, highlight, trail-request…), read from the graph's test hook. */
  async graphClasses(id: string): Promise<string[]> {
    return this.page.evaluate((elementId) => {
      const probe = (window as unknown as { __podNetworkLabGraphProbe?: { classes(id: string): string[] } })
        .__podNetworkLabGraphProbe;
      return probe ? probe.classes(elementId) : [];
    }, id);
  }

  /** Elements Cytoscape holds, read from the test hook the graph exposes. */
  async graphNodeIds(): Promise<string[]> {
    return this.page.evaluate(() => {
      const hook = (window as unknown as { __podNetworkLabGraph?: () => string[] }).__podNetworkLabGraph;
      return hook ? hook() : [];
    });
  }
}
