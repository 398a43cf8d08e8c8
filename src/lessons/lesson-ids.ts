/**
 * The lesson format's version and id pattern, without the schema: the course page and saved
 * progress read them before the zod schema (lesson-schema.ts) is loaded.
 */
export const LESSON_SCHEMA_VERSION = 1;

/** Lesson and step ids appear in URLs: lowercase letters, digits and dashes. */
export const KEBAB_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
