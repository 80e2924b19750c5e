import tseslint from 'typescript-eslint';
import architecture from './scripts/eslint/architecture.js';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'reports/**', 'test-results/**', 'playwright-report/**', 'tmp/**', 'dist/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { architecture },
    rules: {
      'architecture/dependency-rule': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  {
    files: ['src/core/**/*.test.ts'],
    rules: { 'architecture/dependency-rule': 'off' },
  },
);
