import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.next/', 'dist/', '.data*/', 'test-results/', 'playwright-report/', 'next-env.d.ts', 'public/widget.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/db/*', '@/server/*'], allowTypeImports: true, message: 'Client code reaches server data through tRPC and the socket.' }] },
      ],
    },
  },
  // Server, database and tests may import server code; client code may only import types from it.
  { files: ['server/**', 'db/**', 'test/**', 'bench/**', 'scripts/**', 'e2e/**', '**/*.test.ts'], rules: { '@typescript-eslint/no-restricted-imports': 'off' } },
  {
    files: ['public/**/*.js'],
    languageOptions: { globals: globals.browser, sourceType: 'script' },
  },
);
