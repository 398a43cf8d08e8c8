import { useMemo } from 'react';
import { renderLessonMarkdown, renderLessonMarkdownInline } from '../../lessons/markdown.ts';

/**
 * Lesson text. The renderer escapes raw HTML and keeps only http(s) and in-app (#/) links,
 * so the HTML it returns carries no script from the lesson.
 */
export function Markdown({ text, className }: { text: string; className?: string }) {
  const html = useMemo(() => renderLessonMarkdown(text), [text]);
  return <div className={`lesson-prose ${className ?? ''}`} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** A line of lesson text (a quiz choice, a hint): Markdown without paragraphs. */
export function InlineMarkdown({ text }: { text: string }) {
  const html = useMemo(() => renderLessonMarkdownInline(text), [text]);
  return <span className="lesson-prose" dangerouslySetInnerHTML={{ __html: html }} />;
}
