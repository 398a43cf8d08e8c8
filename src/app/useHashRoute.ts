import { useCallback, useSyncExternalStore } from 'react';
import { formatRoute, parseRoute, type Route } from './route.ts';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current route from the URL hash, and a way to go elsewhere (push) or amend it (replace). */
export function useHashRoute(): {
  route: Route;
  navigate: (route: Route, opts?: { replace?: boolean }) => void;
} {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const navigate = useCallback((next: Route, opts?: { replace?: boolean }) => {
    const target = formatRoute(next);
    if (target === window.location.hash) return;
    if (opts?.replace) {
      window.history.replaceState(null, '', target);
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } else {
      window.location.hash = target;
    }
  }, []);
  return { route: parseRoute(hash), navigate };
}
