#!/usr/bin/env node
// Reports the gzipped size of the JavaScript and CSS the first view loads (the entry
// script, its modulepreloads and stylesheets named in dist/index.html) and fails when the
// JavaScript passes the budget.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const BUDGET_JS_KB = 250;
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
