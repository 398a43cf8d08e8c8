import { describe, expect, it } from 'vitest';
import { isAllowedLink, renderLessonMarkdown, renderLessonMarkdownInline } from './markdown.ts';

const SAFE_TAGS = new Set([
  'p',
  'a',
  'em',
  'strong',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'br',
  's',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
]);
const SAFE_ATTRS = new Set(['href', 'title', 'target', 'rel', 'class', 'start', 'style']);

/**
 * Asserts the HTML holds nothing executable. Every `<` of the output opens a real tag (text
 * `<` is escaped), so each tag is parsed strictly: known tag, known attributes, quoted values,
 * hrefs that are http(s) or in-app only, styles that only align table cells.
 */
function assertInert(html: string): void {
  expect(html).not.toMatch(/<script/i);
  for (const [tag] of html.matchAll(/<[^>]*>?/g)) {
    const parsed = /^<\/?([a-z0-9]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*\/?>$/.exec(tag);
    expect(parsed, `unexpected markup ${tag}`).not.toBeNull();
    expect(SAFE_TAGS.has(parsed?.[1] ?? '')).toBe(true);
    for (const [, name = '', value = ''] of (parsed?.[2] ?? '').matchAll(/([a-z-]+)="([^"]*)"/g)) {
      expect(SAFE_ATTRS.has(name), `attribute ${name}`).toBe(true);
      if (name === 'href') expect(isAllowedLink(value), `href ${value}`).toBe(true);
      if (name === 'style') expect(value).toMatch(/^text-align:(left|right|center)$/);
    }
  }
}

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](  javascript:alert(1))',
  '[click](java\tscript:alert(1))',
  '[click](jav&#x61;script:alert(1))',
  '[click](&#106;avascript:alert(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))',
  '[click](file:///etc/passwd)',
  '<javascript:alert(1)>',
  '![x](javascript:alert(1))',
  '![x](https://tracker.example/pixel.gif)',
  '[x]: javascript:alert(1)\n\n[ref][x]',
  '<svg onload=alert(1)>',
  '<iframe src="https://evil.example"></iframe>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '`<script>`',
  '```html\n<script>alert(1)</script>\n```',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '[x](https://ok.example "title\\" onmouseover=\\"alert(1)")',
  '**<b onclick="alert(1)">bold</b>**',
];

describe('renderLessonMarkdown', () => {
  it('renders ordinary lesson text', () => {
    expect(renderLessonMarkdown('Each pod gets **its own IP**: `10.244.1.2`.')).toBe(
      '<p>Each pod gets <strong>its own IP</strong>: <code>10.244.1.2</code>.</p>\n',
    );
  });

  it('makes http(s) links open safely and keeps in-app links in the tab', () => {
    expect(renderLessonMarkdown('[docs](https://kubernetes.io/docs/)')).toBe(
      '<p><a href="https://kubernetes.io/docs/" target="_blank" rel="noopener noreferrer">docs</a></p>\n',
    );
    expect(renderLessonMarkdown('[next lesson](#/lessons/flannel-vxlan)')).toBe(
      '<p><a href="#/lessons/flannel-vxlan">next lesson</a></p>\n',
    );
  });

  it.each(HOSTILE)('leaves nothing executable in %j', (input) => {
    assertInert(renderLessonMarkdown(input));
    assertInert(renderLessonMarkdownInline(input));
  });

  it('shows raw HTML as text rather than dropping it silently', () => {
    expect(renderLessonMarkdown('<script>alert(1)</script>')).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;',
    );
  });

  it('does not turn bare URLs into links', () => {
    expect(renderLessonMarkdown('see https://example.com')).not.toContain('<a ');
  });

  it('renders huge input in bounded time and length', () => {
    const huge = '*a [b](c) <x> `d` '.repeat(200_000);
    const started = process.hrtime.bigint();
    const html = renderLessonMarkdown(huge);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(ms).toBeLessThan(3000);
    expect(html).toContain('too long to show');
    assertInert(html);
  });

  it('survives pathological emphasis and brackets', () => {
    for (const input of ['*'.repeat(50_000), '['.repeat(50_000), '_a'.repeat(30_000), '<'.repeat(50_000)]) {
      assertInert(renderLessonMarkdown(input));
    }
  });

  it('survives deeply nested quotes and lists', () => {
    const quotes = renderLessonMarkdown(`${'> '.repeat(10_000)}deep <script>x</script>`);
    assertInert(quotes);
    expect((quotes.match(/<blockquote>/g) ?? []).length).toBeLessThanOrEqual(20);
    const lists = Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n');
    assertInert(renderLessonMarkdown(lists));
    const brackets = renderLessonMarkdown(`${'['.repeat(5000)}x${'](javascript:alert(1))'.repeat(5000)}`);
    assertInert(brackets);
  });
});
