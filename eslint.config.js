// Lint: the recommended rules of ESLint and typescript-eslint, plus the house habits that a
// machine can check. The import layering (STYLE.md) is checked by test/layering.test.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'dist/**', 'coverage/**', 'bench/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // Domain and flows are pure: no clock, no randomness, no I/O of their own.
    files: ['src/domain/**/*.ts', 'src/flows/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: '时间请从 env/参数传入（纯函数不读时钟）' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: '时间请从 env/参数传入（纯函数不读时钟）' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: '随机数请从 env 传入' },
      ],
    },
  },
);
