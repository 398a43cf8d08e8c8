#!/usr/bin/env node
// Reports the gzipped size of the JavaScript and CSS the first view loads (the entry
// script, its modulepreloads and stylesheets named in dist/index.html) and fails when the
// JavaScript passes the budget. Then reports the JavaScript the sandbox route loads (the
// first view plus the LabRoute chunk and its static imports, read from Vite's manifest)
// beside the floor app (React 19 and Cytoscape only, scripts/floor, built in the same run
// into dist-floor/), and fails when the lab route passes LAB_ROUTE_RATIO times the floor.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const BUDGET_JS_KB = 84;
/** The lab route's JavaScript may be at most this many times the floor app's. */
const LAB_ROUTE_RATIO_MAX = 1.58;
const dist = process.argv[2] ?? 'dist';
const html = await readFile(join(dist, 'index.html'), 'utf8');
const refs = [...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+\.(?:js|css))"/g)].map(
  (m) => m[1],
);
const unique = [...new Set(refs)];
let js = 0;
let css = 0;
const rows = [];
for (const ref of unique) {
  const path = join(dist, ref.replace(/^\.\//, ''));
  const gz = gzipSync(await readFile(path), { level: 9 }).length;
  if (ref.endsWith('.js')) js += gz;
  else css += gz;
  rows.push(`  ${(gz / 1024).toFixed(1).padStart(7)} KB  ${ref}`);
}
const kb = (n) => (n / 1024).toFixed(1);
console.log('First-view bundle (gzipped):');
console.log(rows.join('\n'));
console.log(
  `bundle: first view JS ${kb(js)} KB gzipped, CSS ${kb(css)} KB gzipped (JS budget ${BUDGET_JS_KB} KB)`,
);
if (js > BUDGET_JS_KB * 1024) {
  console.error(
    `bundle: the first view's JavaScript is ${kb(js)} KB gzipped, over the ${BUDGET_JS_KB} KB budget.`,
  );
  process.exit(1);
}

// The lab route: every chunk statically reachable from the entry and from LabRoute.tsx.
const manifestPath = join(dist, '.vite', 'manifest.json');
const LAB_ROUTE_RATIO = Number(process.env.LAB_ROUTE_RATIO ?? '') || LAB_ROUTE_RATIO_MAX;
if (existsSync(manifestPath)) {
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  const chunks = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || chunks.has(chunk.file)) return;
    chunks.add(chunk.file);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  visit('index.html');
  visit('src/app/LabRoute.tsx');
  let labJs = 0;
  for (const file of chunks)
    if (file.endsWith('.js')) labJs += gzipSync(await readFile(join(dist, file)), { level: 9 }).length;
  const floorDir = join(dist, '..', 'dist-floor', 'assets');
  let floorJs = 0;
  if (existsSync(floorDir)) {
    const { readdir } = await import('node:fs/promises');
    for (const f of await readdir(floorDir))
      if (f.endsWith('.js')) floorJs += gzipSync(await readFile(join(floorDir, f)), { level: 9 }).length;
  }
  if (floorJs === 0)
    console.log(`bundle: lab route JS ${kb(labJs)} KB gzipped (no floor build in dist-floor/)`);
  else {
    const ratio = labJs / floorJs;
    console.log(
      `bundle: lab route JS ${kb(labJs)} KB gzipped, floor (React 19 + Cytoscape) ${kb(floorJs)} KB, ratio ${ratio.toFixed(2)} (limit ${LAB_ROUTE_RATIO})`,
    );
    if (ratio > LAB_ROUTE_RATIO) {
      console.error(
        `bundle: the lab route's JavaScript is ${ratio.toFixed(2)}x the floor, over ${LAB_ROUTE_RATIO}x.`,
      );
      process.exit(1);
    }
  }
}
