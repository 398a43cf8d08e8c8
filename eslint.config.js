import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** What the pure layers (engine, lessons) may not reach: UI, DOM, state libraries, timers, randomness. */
const pureImports = {
  patterns: [
    {
      group: ['react', 'react/*', 'react-dom', 'react-dom/*'],
      message: 'The engine and lessons are pure: no React.',
    },
    { group: ['zustand', 'zustand/*'], message: 'The engine and lessons are pure: no store.' },
    { group: ['cytoscape', 'cytoscape*'], message: 'The engine and lessons are pure: no renderer.' },
    {
      group: ['**/store/*', '**/views/*', '**/app/*', '**/cli/*'],
      message: 'Layers point down: the engine calls nothing above it.',
    },
    {
      group: ['node:*', 'fs', 'path', 'os', 'child_process'],
      message: 'The engine runs in the browser too: no Node APIs.',
    },
  ],
};
const pureSyntax = [
  {
    selector: "MemberExpression[object.name='Math'][property.name='random']",
    message: 'Use the seeded PRNG in engine/util/prng.ts.',
  },
  {
    selector: "MemberExpression[object.name='Date'][property.name='now']",
    message: 'Time is a logical tick in the engine.',
  },
  { selector: "NewExpression[callee.name='Date']", message: 'Time is a logical tick in the engine.' },
  { selector: "MemberExpression[object.name='performance']", message: 'No clocks in the engine.' },
];
const pureGlobals = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'location',
  'history',
  'setTimeout',
  'setInterval',
  'clearTimeout',
  'clearInterval',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'queueMicrotask',
  'fetch',
  'XMLHttpRequest',
  'performance',
  'process',
  'require',
].map((name) => ({ name, message: `The engine and lessons are pure: no ${name}.` }));

export default tseslint.config(
  { ignores: ['dist', 'dist-floor', 'node_modules', 'test-results', 'playwright-report', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/use*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Every e2e test runs under the shared fixture, whose guard fails a test on any console
    // error or uncaught exception in the page.
    files: ['e2e/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@playwright/test',
              importNames: ['test', 'expect'],
              message:
                'Import test and expect from ./fixtures/lab-test.ts (it fails a test on console errors and warnings).',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/engine/**/*.ts', 'src/lessons/**/*.ts', 'src/shell/**/*.ts'],
    ignores: ['**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', pureImports],
      'no-restricted-syntax': ['error', ...pureSyntax],
      'no-restricted-globals': ['error', ...pureGlobals],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
);
