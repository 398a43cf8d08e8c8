/// <reference types="vite/client" />
/** The course shipped with the lab: every `lessons/*.json` file, as text, in file-name order. */
const files = import.meta.glob<string>('../../lessons/*.json', {
  eager: true,
  query: '?raw',
  import: 'default',
});

export interface LessonFileText {
  readonly name: string;
  readonly text: string;
}

export const BUNDLED_LESSON_FILES: readonly LessonFileText[] = Object.entries(files)
  .filter(([path]) => !path.endsWith('lesson.schema.json'))
  .map(([path, text]) => ({ name: path.slice(path.lastIndexOf('/') + 1), text }))
  .sort((a, b) => a.name.localeCompare(b.name));
