import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

/** An import rule: `from` may not import these folders (`types` still allowed when typeOnly). */
const forbid = (groups, message, allowTypeImports = false) => ({
  group: groups.flatMap((g) => [`**/${g}/*`, `**/${g}/**`]),
  message,
  allowTypeImports,
});
const layer = (files, ...patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});
const NOT_CLI_OR_TEST = forbid(
  ['cli', 'test'],
  'Nothing imports cli/ or test/: move the shared code down a layer.',
);

export default ts.config(
  { ignores: ['node_modules/', 'dist/', 'data/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['web/**/*.ts', 'web/**/*.svelte'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    // config/ is the only code that reads the environment.
    files: ['cli/**', 'collector/**', 'db/**', 'server/**', 'web/**', 'demo/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read settings from Config (config/).' },
      ],
    },
  },

  {
    // Type-aware rules: a promise is awaited or handled, and a switch covers every case.
    files: ['**/*.ts'],
    ignores: ['vite.config.ts', 'vitest.config.ts'],
    languageOptions: { parserOptions: { projectService: true } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
    },
  },
  {
    // Small enough to read in one sitting (STYLE.md 11): 60 lines a function and 300 a file, blank
    // lines and comments not counted. Product code only: tests and the bench are exempt.
    files: ['**/*.ts', '**/*.js', '**/*.svelte'],
    ignores: ['test/**', 'bench/**'],
    rules: {
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Named exception: a migration's `up` is frozen in time, one statement list per migration.
    files: ['db/migrations/**'],
    rules: { 'max-lines-per-function': 'off' },
  },
  {
    files: ['test/e2e/**/*.ts', 'bench/index.ts', 'bench/spa.ts', 'bench/demo-web.ts'],
    languageOptions: {
      parserOptions: { projectService: false, project: './tsconfig.browser.json' },
    },
  },
  // Layers (README "How it fits together"): cli → {config, collector, server} → db; the metric
  // registry, server/kpi and shared/ are pure; the web imports only shared/ and types.
  layer(
    ['db/**'],
    forbid(
      ['config', 'collector', 'server', 'cli', 'demo'],
      'db/ is the bottom layer: pass settings in.',
      true,
    ),
  ),
  layer(
    ['collector/**'],
    forbid(
      ['server', 'cli'],
      'The collector writes rows; it does not import the server or the CLI.',
    ),
    NOT_CLI_OR_TEST,
  ),
  layer(
    ['server/**'],
    forbid(
      ['collector', 'cli', 'demo', 'config'],
      'The server reads rows and is handed its settings (config/ types only); the CLI wires it up.',
      true,
    ),
  ),
  layer(['config/**'], {
    group: [
      ...['db', 'collector', 'cli', 'demo'].map((g) => `**/${g}/**`),
      '**/server/*.js',
      ...['alerts', 'badges', 'digest', 'metrics', 'report', 'routes', 'schemas'].map(
        (g) => `**/server/${g}/**`,
      ),
    ],
    message: 'config/ parses settings; of the code above it, it reads only the metric registry.',
  }),
  layer(
    ['web/**'],
    forbid(
      ['server', 'config', 'db', 'collector', 'cli', 'demo'],
      'The web imports shared/ and `import type` from the server only.',
      true,
    ),
  ),
  // Last: flat config takes a rule's options from the last block matching a file, and server/kpi/
  // is in server/** too.
  layer(
    ['shared/**', 'server/kpi/**'],
    forbid(
      ['db', 'config', 'collector', 'cli', 'demo', 'web'],
      'shared/ and server/kpi are pure: they import only each other (and types).',
      true,
    ),
    {
      // The server's impure parts (server/kpi/metrics, the registry, is pure and allowed).
      group: ['alerts', 'badges', 'digest', 'metrics', 'report', 'routes'].flatMap((g) => [
        `../${g}/**`,
        `**/server/${g}/**`,
      ]),
      message: 'server/kpi is pure: it does not import the server around it.',
      allowTypeImports: true,
    },
    { group: ['node:*'], message: 'shared/ and server/kpi are pure: no Node APIs.' },
  ),
  layer(['bench/**', 'demo/**'], NOT_CLI_OR_TEST),
);
