import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The parts of the tree; a part reaches another only through its package's published entry points. */
const PART_SOURCES = [
  'subgraphs/*/src/**/*.ts',
  'router/src/**/*.ts',
  'rest-facade/src/**/*.ts',
  'media-engine/src/**/*.ts',
  'stack/src/**/*.ts',
];
const CROSS_PART = {
  group: [
    '**/subgraphs/*/src/**',
    '**/router/src/**',
    '**/rest-facade/src/**',
    '**/media-engine/src/**',
    '**/stack/src/**',
    '@argus/*/src/**',
  ],
  message: "Import another part through its package's published entry point (@argus/<part>), not its files.",
};
/** The media engine as the subgraphs see it: only its published client module (types, read models, signed calls). */
const ENGINE_CLIENT_ONLY =
  "A subgraph reaches the media engine only through '@argus/media-engine/client' (tests may start an engine).";
const ENGINE_INTERNALS = {
  group: ['@argus/media-engine/*', '!@argus/media-engine/client'],
  message: ENGINE_CLIENT_ONLY,
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'data/**', 'coverage/**', '**/*.py'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    files: PART_SOURCES,
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [CROSS_PART] }] },
  },
  {
    files: ['subgraphs/**/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/test/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@argus/media-engine', message: ENGINE_CLIENT_ONLY }],
          patterns: [CROSS_PART, ENGINE_INTERNALS],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression[source.value=/^@argus\\/media-engine(?!\\/client$)/]',
          message: ENGINE_CLIENT_ONLY,
        },
      ],
    },
  },
  {
    files: ['**/main.ts', 'test/bench/**', '**/write*.ts', '**/fetch-*.ts'],
    rules: { 'no-console': 'off' },
  },
);
