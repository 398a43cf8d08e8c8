import type { Locator, Page } from '@playwright/test';
import { LabPage } from './lab-page.ts';

/** A lesson as the student walks it: the step panel beside the lab. */
export class LessonPage extends LabPage {
  readonly stepHeading: Locator;
  readonly next: Locator;
  readonly back: Locator;
  readonly goalStatus: Locator;

  constructor(page: Page) {
    super(page);
    this.stepHeading = page.locator('#step-heading');
    this.next = page.getByRole('button', { name: 'Next', exact: true });
    this.back = page.getByRole('button', { name: 'Back', exact: true });
    this.goalStatus = page.getByTestId('goal-status');
  }

  async answerQuiz(...choices: string[]): Promise<void> {
    for (const choice of choices) await this.page.getByLabel(choice, { exact: false }).check();
    await this.page.getByRole('button', { name: 'Check answer' }).click();
  }
}
