/**
 * The static server for e2e tests: dist/ under a GitHub Pages-like project path.
 * `E2E_PORT` moves it, so two checkouts can run their suites side by side without one
 * reusing the other's server.
 */
export const PORT = Number(process.env['E2E_PORT'] ?? '') || 4179;
export const BASE_PATH = '/pod-network-lab/';
