import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The layer rules of DESIGN.md; exported so a test can prove they bite. */
export const layerRules = [
  {
    files: ['src/shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(node:|electron$|react)', message: 'src/shared is pure TypeScript: no Node, DOM, React or Electron imports.' },
            { regex: '^(fs|path|os|http|https|net|tls|crypto|child_process|url|util|stream|events|zlib|buffer)(/.*)?$', message: 'src/shared is pure TypeScript: no Node built-ins.' },
            { regex: '(^|/)(main|renderer)(/|$)', message: 'src/shared may import only src/shared.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', 'localStorage', 'navigator'],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)main(/|$)', message: 'The renderer reaches main only through the API contract (src/renderer/transport).' },
            { regex: '^(node:|electron$)', message: 'The renderer is a sandboxed web page: no Node or Electron imports.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^electron(/.*)?$', message: 'Services never import electron: only src/main/hosts/electron does.' },
            { regex: '(^|/)hosts(/|$)', message: 'Services never import a host; hosts wire services to a transport.' },
            { regex: '(^|/)renderer(/|$)', message: 'Main never imports the renderer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/hosts/electron/**', 'src/main/services/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^electron(/.*)?$', message: 'Only src/main/hosts/electron imports electron.' },
            { regex: '(^|/)renderer(/|$)', message: 'Main never imports the renderer.' },
          ],
        },
      ],
    },
  },
  {
    // only hosts open a listening socket (the sandbox server aside, which listens by its nature)
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/hosts/**', 'src/main/services/sandbox/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='listen']", message: 'Only src/main/hosts (and the sandbox server) open a listening socket.' },
        { selector: "CallExpression[callee.name='createServer']", message: 'Only src/main/hosts (and the sandbox server) create servers.' },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'test/fixtures/lint/**', 'bench/results/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-empty-object-type': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'test/component/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // Playwright fixtures must destructure their (empty) dependencies
    files: ['test/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  ...layerRules,
);
