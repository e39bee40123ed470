import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import noImportCycle from './lint/no-import-cycle.js';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'migrations/**', 'test-artifacts/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    // The storage layer is asynchronous (a second dialect, #18): a repository call that is not
    // awaited would run after the request answered, or lose its error. Type-aware, so server and
    // test code only (about 10 s more); node:test's test()/describe() are awaited by the runner.
    files: ['server/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] }],
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // No module of the server imports itself round a cycle (test/architecture/imports.test.ts
    // also forbids cycles between domain folders).
    files: ['server/**/*.ts'],
    plugins: { local: { rules: { 'no-import-cycle': noImportCycle } } },
    rules: { 'local/no-import-cycle': 'error' },
  },
  {
    // Domain modules do the work; HTTP adapters, the command line and the composition root call
    // them, never the other way round.
    files: ['server/**/*.ts'],
    ignores: ['server/*.ts', 'server/routes/**', 'server/http/**', 'server/demo/**', 'server/**/*.cli.ts', 'server/**/*.plugin.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/routes/**', '**/http/**', '**/demo/**'], message: 'Domain modules do not import HTTP adapters or the demo.' },
        { group: ['**/*.cli.ts', '**/*.plugin.ts'], message: 'Domain modules do not import the command line or Fastify plugins.' },
        { group: ['**/app.ts', '**/index.ts', '**/cli.ts', '**/command-line.ts', '**/services.ts'], message: 'Domain modules receive their dependencies; they do not import the composition root.' },
        { group: ['**/client/**'], message: 'The server does not import client code.' },
      ] }],
    },
  },
  {
    // The use cases record their own audit rows, so that a route and its command-line twin cannot
    // differ (test/audit/use-cases.test.ts): a route reads the log, it never writes to it.
    files: ['server/routes/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/audit/audit.service.ts'], importNames: ['recordAudit'], message: 'Routes do not write the audit log: the use case they call records its own action.' },
      ] }],
    },
  },
  {
    files: ['client/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**'], message: 'The client talks to the server over HTTP only.' }] }],
      // The contract's schemas carry the TypeBox runtime; the client takes their types only.
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [
        { group: ['**/shared/contract/**', 'typebox', 'typebox/*'], allowTypeImports: true, message: 'The client imports the contract as types only (import type), so TypeBox stays out of its bundles.' },
      ] }],
    },
  },
  {
    // What client and server share depends on neither.
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/server/**'], message: 'shared/ is imported by the client too: it does not import server code.' },
        { group: ['**/client/**'], message: 'shared/ is imported by the server too: it does not import client code.' },
      ] }],
    },
  },
  {
    // The respondent bundle must stay small and never carry researcher code.
    files: ['client/respondent/**', 'client/kiosk/**', 'client/preview/**', 'client/shared/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/researcher/**'], message: 'Respondent code must not import researcher code.' },
        { group: ['**/server/**'], message: 'The client talks to the server over HTTP only.' },
      ] }],
    },
  },
  {
    // The workspace speaks the language chosen in its header: every word a person reads comes from
    // locales/<lang>/researcher.json through t(), never from text written into a component.
    files: ['client/researcher/**/*.tsx'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: 'JSXText[value=/(^|[^\\p{L}_])\\p{L}{2,}([^\\p{L}_]|$)/u]', message: 'Words in the workspace come from locales/<lang>/researcher.json through t().' },
        { selector: 'JSXAttribute[name.name=/^(aria-label|title|placeholder|alt|label)$/] > Literal[value=/\\p{L}{2,}/u]', message: 'Labels in the workspace come from locales/<lang>/researcher.json through t().' },
        { selector: 'JSXExpressionContainer > Literal[value=/\\p{L}{2,}/u]', message: 'Words in the workspace come from locales/<lang>/researcher.json through t().' },
        { selector: 'JSXExpressionContainer > TemplateLiteral > TemplateElement[value.raw=/\\p{L}{2,}\\s+\\p{L}/u]', message: 'Words in the workspace come from locales/<lang>/researcher.json through t().' },
      ],
    },
  },
);
