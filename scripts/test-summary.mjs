// Prints the one closing line CI reads ("N passed, N failed, N skipped"), summed from the JSON
// reports of Vitest (test-results/vitest.json) and Playwright (test-results/playwright.json).
// A report that is missing counts as one failure: its runner did not get to finish.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;

const vitestReport = 'test-results/vitest.json';
if (existsSync(vitestReport)) {
  const v = JSON.parse(readFileSync(vitestReport, 'utf8'));
  passed += v.numPassedTests ?? 0;
  failed += (v.numFailedTests ?? 0) + (v.numFailedTestSuites ?? 0);
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
} else {
  console.error(`missing ${vitestReport}`);
  failed += 1;
}

const playwrightReport = 'test-results/playwright.json';
if (existsSync(playwrightReport)) {
  const p = JSON.parse(readFileSync(playwrightReport, 'utf8'));
  passed += p.stats?.expected ?? 0;
  failed += (p.stats?.unexpected ?? 0) + (p.stats?.flaky ?? 0) + (p.errors?.length ?? 0);
  skipped += p.stats?.skipped ?? 0;
} else {
  console.error(`missing ${playwrightReport}`);
  failed += 1;
}

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
