import { describe, expect, it } from 'vitest';
import { BUNDLED_COURSE } from './bundled-course.ts';
import { BUNDLED_LESSON_FILES } from './bundled-lessons.ts';
import { indexLessons } from './course-index.ts';

describe('the course list indexed at build time', () => {
  it('is what the course page would index from the lesson texts, in the same order', () => {
    expect(BUNDLED_COURSE.length).toBeGreaterThan(5);
    expect(BUNDLED_COURSE).toEqual(indexLessons(BUNDLED_LESSON_FILES));
  });
});
