#!/usr/bin/env node
// A plain static file server that behaves like GitHub Pages for a project site:
// files are served from DIR under BASE_PATH, a directory serves its index.html,
// and anything else is a real 404 (with DIR/404.html as the body when it exists).
// Unlike `vite preview`, it has no single-page-app fallback, so it exposes deep links that 404.
// Usage: node scripts/serve-static.mjs DIR PORT BASE_PATH
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const [dirArg = 'dist', portArg = '4179', baseArg = '/'] = process.argv.slice(2);
const root = resolve(dirArg);
const base = baseArg.endsWith('/') ? baseArg : `${baseArg}/`;
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

async function fileFor(urlPath) {
  if (!urlPath.startsWith(base)) return null;
  const rel = decodeURIComponent(urlPath.slice(base.length));
  const full = normalize(join(root, rel));
  if (full !== root && !full.startsWith(root + sep)) return null;
  try {
    const info = await stat(full);
    if (info.isDirectory()) {
      const index = join(full, 'index.html');
      return (await stat(index).catch(() => null))?.isFile() ? index : null;
    }
    return info.isFile() ? full : null;
  } catch {
    return null;
  }
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === base.slice(0, -1)) {
    res.writeHead(301, { location: base });
    res.end();
    return;
  }
  const file = await fileFor(url.pathname);
  if (file) {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
    return;
  }
  const notFound = await readFile(join(root, '404.html')).catch(() => Buffer.from('404 Not Found'));
  res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
  res.end(notFound);
});

server.listen(Number(portArg), '127.0.0.1', () => {
  console.log(`serving ${root} at http://127.0.0.1:${portArg}${base}`);
});
