import { lazy, Suspense, useEffect } from 'react';
import { useTheme } from '../store/prefs-store.ts';
import { CoursePage } from './CoursePage.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { OpenSharedLesson } from './OpenSharedLesson.tsx';
import { useHashRoute } from './useHashRoute.ts';

const LabRoute = lazy(() => import('./LabRoute.tsx'));
const LessonRoute = lazy(() => import('./LessonRoute.tsx'));
const EditorRoute = lazy(() => import('./EditorRoute.tsx'));

function Loading({ what }: { what: string }) {
  return (
    <p role="status" className="p-6 text-sm">
      Loading {what}…
    </p>
  );
}

export function App() {
  const { route, navigate } = useHashRoute();
  const [theme, setTheme] = useTheme();
  useEffect(() => {
    document.documentElement.classList.toggle('dark', theme === 'dark');
  }, [theme]);

  return (
    <div className="flex min-h-screen flex-col bg-slate-50 text-slate-900 dark:bg-slate-900 dark:text-slate-100">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:p-2 focus:text-blue-800"
      >
        Skip to the content
      </a>
      {route.page === 'lesson' ? (
        // The lesson step is after the whole lab in the page: one Tab and Enter away from the top.
        <a
          href="#/"
          onClick={(event) => {
            event.preventDefault();
            document.getElementById('step-heading')?.focus();
          }}
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:p-2 focus:text-blue-800"
        >
          Skip to the lesson step
        </a>
      ) : null}
      <header className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 border-b border-slate-200 px-4 py-2 dark:border-slate-700">
        <h1 className="text-lg font-bold whitespace-nowrap">
          <a href="#/" className="hover:underline">
            Pod Network Lab
          </a>{' '}
          <span className="hidden font-normal text-slate-600 sm:inline dark:text-slate-300">
            · pod-to-pod communication across nodes
          </span>
        </h1>
        <nav aria-label="Main" className="flex items-center gap-3 text-sm">
          <a href="#/" className="underline">
            Course
          </a>
          <a href="#/sandbox" className="underline">
            Sandbox
          </a>
          <a href="#/editor" className="underline">
            Editor
          </a>
          {/* A switch, not a button named after the other theme: its track shows the state. */}
          <button
            type="button"
            role="switch"
            aria-checked={theme === 'dark'}
            className="inline-flex items-center gap-2 rounded border border-slate-300 px-2 py-1 whitespace-nowrap dark:border-slate-600"
            onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
          >
            Dark theme
            <span
              aria-hidden="true"
              className="relative inline-block h-4 w-7 rounded-full bg-slate-300 transition-colors motion-reduce:transition-none dark:bg-blue-500"
            >
              <span className="absolute top-0.5 left-0.5 h-3 w-3 rounded-full bg-white shadow transition-transform motion-reduce:transition-none dark:translate-x-3" />
            </span>
          </button>
        </nav>
      </header>
      <main id="main" className="flex-1">
        <ErrorBoundary key={route.page === 'lesson' ? `lesson/${route.lessonId}` : route.page}>
          <Suspense fallback={<Loading what="the lab" />}>
            {route.page === 'home' ? (
              <CoursePage />
            ) : route.page === 'sandbox' ? (
              <LabRoute route={route} navigate={navigate} />
            ) : route.page === 'lesson' ? (
              <LessonRoute key={route.lessonId} route={route} navigate={navigate} />
            ) : route.page === 'editor' ? (
              <EditorRoute navigate={navigate} />
            ) : route.page === 'open-lesson' ? (
              <OpenSharedLesson data={route.data} navigate={navigate} />
            ) : (
              <div className="p-6">
                <h2 className="text-lg font-semibold">No page at {route.path}</h2>
                <p className="mt-2">
                  The link may be old or mistyped.{' '}
                  <a className="underline" href="#/">
                    Go to the course
                  </a>{' '}
                  or{' '}
                  <a className="underline" href="#/sandbox">
                    open the sandbox
                  </a>
                  .
                </p>
              </div>
            )}
          </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}
