import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Plugin } from 'vite';
import { indexLessons } from '../src/app/course-index.ts';

const QUERY = '?course-entry';

/**
 * `lessons/x.json?course-entry` imports what the course page lists of a lesson (its
 * `CourseEntry`: id, title, summary and step ids, or the problem that keeps it from being
 * listed), read when the lab is built by the same `indexLessons` the page runs on opened
 * files. The course page then downloads the list, not every lesson's text; a lesson's text
 * comes with the lesson route.
 */
export function courseEntryPlugin(): Plugin {
  return {
    name: 'course-entry',
    enforce: 'pre',
    load: {
      filter: { id: /\?course-entry$/ },
      async handler(id) {
        if (!id.endsWith(QUERY)) return null;
        const file = id.slice(0, -QUERY.length);
        this.addWatchFile(file);
        const [entry] = indexLessons([{ name: basename(file), text: await readFile(file, 'utf8') }]);
        return `export default ${JSON.stringify(entry)};`;
      },
    },
  };
}
