// @ts-check
/**
 * Lint rules, above all the import boundaries of the three runtimes: `shared/` is pure TypeScript
 * (no DOM, no Electron, no Node, no React, no Dexie), `electron/` and `renderer/` depend on
 * `shared/` and never on each other. A forbidden import fails `npm run lint`, and so CI.
 */
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// A regex, not gitignore-style groups: a group 'crypto' would also match '../crypto/identity'.
const nodeBuiltins = '^(node:.*|(fs|path|os|child_process|crypto|http|https|net|url|stream|worker_threads)(/.*)?)$';

export default tseslint.config(
  {
    ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tsbuild/**', 'build/**'],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.mjs', '*.cjs', 'scripts/*.mjs', 'scripts/*.cjs'] }, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['tsconfig.*.json'], noWarnOnMultipleProjects: true })],
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './shared', from: './electron', message: 'shared/ is pure TypeScript: it never depends on electron/.' },
            { target: './shared', from: './renderer', message: 'shared/ is pure TypeScript: it never depends on renderer/.' },
            { target: './renderer', from: './electron', message: 'renderer/ meets electron/ only through the IPC contract in shared/ipc.' },
            { target: './electron', from: './renderer', message: 'electron/ meets renderer/ only through the IPC contract in shared/ipc.' },
            { target: './cli', from: './renderer', message: 'The command-line tool builds on shared/ only.' },
            { target: './cli', from: './electron', message: 'The command-line tool builds on shared/ only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'shared/ runs everywhere: no Electron.' },
            { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'shared/ runs everywhere: no React.' },
            { group: ['dexie', 'dexie-*'], message: 'shared/ runs everywhere: Dexie lives in renderer/src/db.' },
            { regex: nodeBuiltins, message: 'shared/ runs everywhere: no Node built-ins.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'indexedDB', 'process'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'The renderer reaches the outside only through its platform interface.' },
            { regex: nodeBuiltins, message: 'The renderer reaches the outside only through its platform interface.' },
          ],
        },
      ],
    },
  },
  {
    // Dexie is used only by the data layer; everything else goes through queries and the journal.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/src/db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['dexie'], message: 'Only renderer/src/db may use Dexie directly; write through the change journal.' },
            { group: ['electron', 'electron/*'], message: 'The renderer reaches the outside only through its platform interface.' },
            { regex: nodeBuiltins, message: 'The renderer reaches the outside only through its platform interface.' },
          ],
        },
      ],
    },
  },
  {
    // Only the platform module may touch the preload bridge.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/src/platform/workbookApi.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'window', property: 'workbook', message: 'Use the platform interface (renderer/src/platform).' }],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Command-line scripts and the main process's one logger write to the console by design.
    files: ['scripts/**', 'electron/main/log.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
