/**
 * Proves that the import-boundary rules of eslint.config.js catch forbidden imports: the lint
 * configuration is linted against probe sources placed (virtually) in each runtime's folder.
 */
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() });
});

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

// Each probe imports something that exists, so only the boundary rules can object.
const cases: Array<{ from: string; code: string; rule: string }> = [
  { from: 'electron/main/index.ts', code: "export * from '../../renderer/src/app/router';\n", rule: 'import-x/no-restricted-paths' },
  { from: 'renderer/src/main.tsx', code: "export * from '../../electron/main/security/urlPolicy';\n", rule: 'import-x/no-restricted-paths' },
  { from: 'shared/model/tlp.ts', code: "export * from '../../renderer/src/app/router';\n", rule: 'import-x/no-restricted-paths' },
  { from: 'shared/model/tlp.ts', code: "export * from '../../electron/main/security/urlPolicy';\n", rule: 'import-x/no-restricted-paths' },
  { from: 'shared/model/tlp.ts', code: "export { app } from 'electron';\n", rule: 'no-restricted-imports' },
  { from: 'shared/model/tlp.ts', code: "export { useState } from 'react';\n", rule: 'no-restricted-imports' },
  { from: 'shared/model/tlp.ts', code: "export { default } from 'dexie';\n", rule: 'no-restricted-imports' },
  { from: 'shared/model/tlp.ts', code: "export { readFile } from 'node:fs';\n", rule: 'no-restricted-imports' },
  { from: 'shared/model/tlp.ts', code: 'export const title = (): string => document.title;\n', rule: 'no-restricted-globals' },
  { from: 'renderer/src/app/router.ts', code: "export { default } from 'dexie';\n", rule: 'no-restricted-imports' },
  { from: 'renderer/src/app/router.ts', code: "export { randomUUID } from 'crypto';\n", rule: 'no-restricted-imports' },
  { from: 'cli/crisis-workbook.ts', code: "export * from '../renderer/src/app/router';\n", rule: 'import-x/no-restricted-paths' },
  { from: 'renderer/src/app/router.ts', code: 'export const bridge = (): unknown => window.workbook;\n', rule: 'no-restricted-properties' },
];

describe('import boundaries', () => {
  it.each(cases)('$from may not: $code', async ({ from, code, rule }) => {
    expect(await ruleIds(from, code)).toContain(rule);
  });

  it('allows what the architecture allows', async () => {
    expect(await ruleIds('renderer/src/main.tsx', "export * from '../../shared/model/tlp';\n")).toEqual([]);
    expect(await ruleIds('electron/main/index.ts', "export * from '../../shared/model/tlp';\n")).toEqual([]);
    expect(await ruleIds('renderer/src/db/queries.ts', "export { default } from 'dexie';\n")).toEqual([]);
    // A folder named like a Node module is not the Node module.
    expect(await ruleIds('shared/bundle/header.ts', "export * from '../crypto/bytes';\n")).toEqual([]);
  });
});
