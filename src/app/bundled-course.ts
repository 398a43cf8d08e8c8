/// <reference types="vite/client" />
import type { CourseEntry } from './course-index.ts';

/**
 * The course's own lessons as the course page lists them, indexed when the lab is built
 * (scripts/course-entry-plugin.ts), in file-name order like `BUNDLED_LESSON_FILES`: the first
 * view downloads titles and step ids, not the lesson texts.
 */
const entries = import.meta.glob<CourseEntry>('../../lessons/*.json', {
  eager: true,
  query: '?course-entry',
  import: 'default',
});

export const BUNDLED_COURSE: readonly CourseEntry[] = Object.entries(entries)
  .filter(([path]) => !path.endsWith('lesson.schema.json'))
  .map(([path, entry]) => ({ name: path.slice(path.lastIndexOf('/') + 1), entry }))
  .sort((a, b) => a.name.localeCompare(b.name))
  .map(({ entry }) => entry);
