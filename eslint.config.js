// Lint for boundaries and real bugs only (formatting is Prettier's job, not ESLint's).
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const NODE = { group: ['node:*'], message: 'This code runs in the browser too: no Node modules.' };
const SERVER = {
  group: ['@hourglass/server', '@hourglass/server/*', '**/apps/server/**'],
  message: 'Server code does not run in the browser (the API contract is @hourglass/api).',
};
const CLI = { group: ['@hourglass/cli', '@hourglass/cli/*', '**/packages/cli/**'], message: 'The CLI does not run in the browser.' };
const APPS = { group: ['@hourglass/web', '@hourglass/web/*', '**/apps/**'], message: 'Packages do not depend on the apps.' };
const NODE_GLOBALS = ['process', 'Buffer', '__dirname', '__filename', 'require', 'module', 'global', 'setImmediate'].map((name) => ({
  name,
  message: 'This code runs in the browser too: no Node globals.',
}));
const TESTS = ['**/*.test.ts', '**/*.test.tsx'];

export default tseslint.config(
  { ignores: ['**/node_modules/', '.cache/', '**/dist/', '**/.tsbuild/', 'bench/results/', 'test-artifacts/', 'data/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: {
      'import-x/no-cycle': 'error',
      // tsc checks types; `any` is used on purpose in a few test helpers.
      '@typescript-eslint/no-explicit-any': 'off',
      // Style, not bugs (or intended here: control characters are refused in addresses on purpose).
      'prefer-const': 'off',
      'no-regex-spaces': 'off',
      'no-control-regex': 'off',
      'no-useless-assignment': 'off',
      'preserve-caught-error': 'off',
      '@typescript-eslint/no-this-alias': 'off',
      '@typescript-eslint/no-empty-object-type': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['packages/cli/bin/**'],
    languageOptions: { globals: { process: 'readonly' } },
  },
  {
    // The isomorphic packages: the browser and the server both run them.
    files: ['packages/documents/src/**', 'packages/api/src/**', 'packages/compiler/src/**', 'packages/engine/src/**'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': ['error', { patterns: [NODE, SERVER, CLI, APPS] }],
      'no-restricted-globals': ['error', ...NODE_GLOBALS],
    },
  },
  {
    files: ['apps/web/src/**'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': ['error', { patterns: [NODE, SERVER, CLI] }],
      'no-restricted-globals': ['error', ...NODE_GLOBALS],
    },
  },
);
