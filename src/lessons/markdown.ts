/**
 * Safe Markdown for lesson text, which is untrusted (anyone can share a lesson file).
 * markdown-it with raw HTML off: tags in the source are shown as text, never parsed.
 * Only `http(s):` links and in-app `#/` links are live; external links open in a new tab
 * with `rel="noopener noreferrer"`. Images are off (no requests to third parties).
 * Input length and nesting are bounded so a hostile file cannot freeze the tab.
 */
import MarkdownIt, { type MarkdownIt as Md } from 'markdown-it';

/** Longer text is cut here (a lesson step is a few paragraphs). */
export const MAX_MARKDOWN_CHARS = 100_000;
/** Deeper nesting of lists and quotes than this is rendered as plain text. */
export const MAX_MARKDOWN_NESTING = 20;

/** True for links a lesson may make live: `http://`, `https://` and in-app `#/…`. */
export function isAllowedLink(url: string): boolean {
  const text = url.trim().toLowerCase();
  return text.startsWith('https://') || text.startsWith('http://') || text.startsWith('#/');
}

function createRenderer(): Md {
  const md = new MarkdownIt('default', {
    html: false,
    linkify: false,
    typographer: false,
    breaks: false,
    maxNesting: MAX_MARKDOWN_NESTING,
  });
  md.disable(['image']);
  md.validateLink = isAllowedLink;

  const renderToken = md.renderer.renderToken.bind(md.renderer);
  md.renderer.rules['link_open'] = (tokens, idx, options) => {
    const token = tokens[idx];
    if (token && !String(token.attrGet('href') ?? '').startsWith('#')) {
      token.attrSet('target', '_blank');
      token.attrSet('rel', 'noopener noreferrer');
    }
    return renderToken(tokens, idx, options);
  };
  return md;
}

let renderer: Md | null = null;

/** Renders untrusted lesson Markdown to HTML that contains no script, handler or dangerous link. */
export function renderLessonMarkdown(text: string): string {
  renderer ??= createRenderer();
  const bounded =
    text.length > MAX_MARKDOWN_CHARS
      ? `${text.slice(0, MAX_MARKDOWN_CHARS)}\n\n*(The rest of this text is too long to show.)*`
      : text;
  return renderer.render(bounded);
}

/** Renders one line of untrusted Markdown (titles, quiz choices) without a wrapping paragraph. */
export function renderLessonMarkdownInline(text: string): string {
  renderer ??= createRenderer();
  return renderer.renderInline(text.length > MAX_MARKDOWN_CHARS ? text.slice(0, MAX_MARKDOWN_CHARS) : text);
}
