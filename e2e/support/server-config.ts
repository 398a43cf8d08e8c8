/** The static server for e2e tests: dist/ under a GitHub Pages-like project path. */
export const PORT = 4179;
export const BASE_PATH = '/pod-network-lab/';
