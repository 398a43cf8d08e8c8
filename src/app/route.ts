import type { Selection } from '../store/ui-slice.ts';
import { formatSandboxParams, parseSandboxParams, type SandboxConfig } from './sandbox-params.ts';

/** Where the student is. Routes live in the URL hash so a reload on GitHub Pages never 404s. */
export type Route =
  | { readonly page: 'home' }
  | {
      readonly page: 'sandbox';
      readonly select: Selection | null;
      readonly config: SandboxConfig;
      /** Settings in the link that were not understood, each named, with the default used instead. */
      readonly problems?: readonly string[];
      /** A shared sandbox (`share=`): the compressed scenario to replay instead of the settings. */
      readonly share?: string;
    }
  /** A lesson at a step, counted from 1 as the student sees it. */
  | { readonly page: 'lesson'; readonly lessonId: string; readonly step: number }
  /** The lesson editor (`#/editor`). */
  | { readonly page: 'editor' }
  /** A whole lesson carried by the link (`#/open?lesson=…`), opened as a preview. */
  | { readonly page: 'open-lesson'; readonly data: string }
  | { readonly page: 'not-found'; readonly path: string };

function parseSelection(value: string | null): Selection | null {
  if (!value) return null;
  const [kind, ...rest] = value.split('/');
  const id = rest.join('/');
  if (!id) return null;
  if (kind === 'node') return { kind: 'node', name: id };
  if (kind === 'pod') return { kind: 'pod', key: id.includes('/') ? id : `default/${id}` };
  return null;
}

/** Parses a location hash such as `#/sandbox?select=node/node-2`. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart = '', query = ''] = raw.split('?');
  const path = pathPart.replace(/\/+$/, '') || '/';
  const params = new URLSearchParams(query);
  if (path === '/' || path === '') return { page: 'home' };
  if (path === '/sandbox') {
    const { config, problems } = parseSandboxParams(query);
    const share = params.get('share');
    return {
      page: 'sandbox',
      select: parseSelection(params.get('select')),
      config,
      ...(problems.length ? { problems } : {}),
      // URLSearchParams reads "+" as a space; the encoding has "+" and never a space.
      ...(share !== null ? { share: share.replace(/ /g, '+') } : {}),
    };
  }
  if (path === '/editor') return { page: 'editor' };
  if (path === '/open') return { page: 'open-lesson', data: (params.get('lesson') ?? '').replace(/ /g, '+') };
  const lesson = /^\/lesson\/([a-z0-9]+(?:-[a-z0-9]+)*)(?:\/(\d{1,4}))?$/.exec(path);
  if (lesson) return { page: 'lesson', lessonId: lesson[1]!, step: Math.max(1, Number(lesson[2] ?? '1')) };
  return { page: 'not-found', path };
}

/** The hash for a route; `parseRoute(formatRoute(r))` gives `r` back. */
export function formatRoute(route: Route): string {
  switch (route.page) {
    case 'home':
      return '#/';
    case 'sandbox': {
      const query = formatSandboxParams(route.config);
      const sel = !route.select
        ? ''
        : route.select.kind === 'node'
          ? `node/${route.select.name}`
          : `pod/${route.select.key}`;
      const parts = [query, sel ? `select=${sel}` : '', route.share ? `share=${route.share}` : ''].filter(
        Boolean,
      );
      return parts.length ? `#/sandbox?${parts.join('&')}` : '#/sandbox';
    }
    case 'lesson':
      return `#/lesson/${route.lessonId}/${route.step}`;
    case 'editor':
      return '#/editor';
    case 'open-lesson':
      return `#/open?lesson=${route.data}`;
    case 'not-found':
      return `#${route.path}`;
    default: {
      const never: never = route;
      return never;
    }
  }
}
