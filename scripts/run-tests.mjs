#!/usr/bin/env node
// Runs every compiled test file (build/test/**/*.test.js) with node's test runner.
// Usage: node scripts/run-tests.mjs [substring filter…]
// Fails when any test fails *or* a whole file fails (e.g. a file that timed out:
// node 20 reports that as a failed file but may still count no failed test).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';

function find(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'fixtures') out.push(...find(p));
    } else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = find('build/test')
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const child = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-timeout=300000', '--test-force-exit', ...files], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
let failedFiles = 0;
let tail = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  const text = tail + chunk.toString();
  const lines = text.split('\n');
  tail = lines.pop() ?? '';
  for (const line of lines) if (/^not ok \d+ - .*\.test\.js$/.test(line)) failedFiles++;
});
child.on('close', (code) => {
  if (/^not ok \d+ - .*\.test\.js$/.test(tail)) failedFiles++;
  if (failedFiles > 0) console.log(`\n${failedFiles} test file(s) failed as a whole (timeout or crash)`);
  process.exit(code !== 0 ? (code ?? 1) : failedFiles > 0 ? 1 : 0);
});
