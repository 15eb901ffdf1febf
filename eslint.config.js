// Lint with import zones that hold the layers apart (see docs/architecture.md):
// shared/ is pure, renderer/ never imports main/, only main/electron/ imports electron.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'url', 'util', 'worker_threads'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'build/**', 'dist/**', 'out/**', '.tmp/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only main/electron/ may import electron.' }] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'shared/ is pure: no Node modules.' },
            { group: ['electron', 'better-sqlite3*', 'pdf-lib', '@pdf-lib/*', 'react', 'react-dom', '@mui/*'], message: 'shared/ is pure: no platform libraries.' },
            { group: ['**/main/**', '**/renderer/**'], message: 'shared/ imports nothing from main/ or renderer/.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'Date', message: 'Plan dates are plain calendar dates (DATE-1); use shared/calc/dates.' }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/main/**'], message: 'renderer/ never imports main/; use the IPC contract.' },
            { group: [...nodeBuiltins, 'electron', 'better-sqlite3*'], message: 'renderer/ runs sandboxed with no Node.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/electron/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
