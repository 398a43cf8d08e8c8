import { checkLessonFile, type Lesson } from '../lessons/load-lesson.ts';
import { lessonChecklist, type ChecklistItem } from '../lessons/lesson-checklist.ts';
import { parseJsonSafely } from '../lessons/safe-json.ts';

/** The name the editor's text goes by (in a preview, and in problems that name the file). */
export const EDITOR_FILE = 'editor.json';

/**
 * The editor's verdict on its text: the problems of the one validation `lab check` and the
 * course page use (the same lines, without `FILE: `), the lesson when it loads, and the
 * checklist of what it still lacks.
 */
export function checkEditorText(text: string): {
  problems: string[];
  lesson: Lesson | null;
  checklist: ChecklistItem[];
} {
  const json = parseJsonSafely(text);
  const { lesson, problems } = checkLessonFile({ name: EDITOR_FILE, text });
  return { problems, lesson, checklist: lessonChecklist(json.ok ? json.value : null) };
}
