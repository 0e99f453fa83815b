// Lint rules for every workspace. Typed rules catch what matters most in a chat bot: an
// unawaited promise is a silently lost answer. Formatting is Prettier's job.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', '.knowhow/**'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Implementations of promise-returning ports need not await anything.
      '@typescript-eslint/require-await': 'off',
      // Configuration is read once, in each app's env.ts.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration in env.ts only.' },
      ],
    },
  },
  {
    // The layering: the core knows no database driver, chat SDK or app of ours.
    files: ['packages/rag-core/src/**/*.ts', 'packages/bot-host/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['pg', 'pg-*', '@electric-sql/*'],
              message: 'The core reaches the database only through its ports.',
            },
            {
              group: ['@slack/*', 'botbuilder', 'botbuilder-*', 'botframework-*'],
              message:
                'Chat platforms live in apps/*-bot; the core has the ConversationSurface port.',
            },
            {
              group: [
                '@knowhow/store-pgvector',
                '@knowhow/slack-bot',
                '@knowhow/teams-bot',
                '@knowhow/cli',
              ],
              message: 'The core imports nothing of ours above it.',
            },
          ],
        },
      ],
    },
  },
  {
    // Apps use a package's public surface, never its internals.
    files: ['apps/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@knowhow/*/src/*', '@knowhow/*/dist/*'],
              message: "Import the package's index (or its ./testing).",
            },
            {
              group: ['pg', 'pg-*'],
              message: 'Apps reach Postgres through @knowhow/store-pgvector.',
            },
          ],
        },
      ],
    },
  },
  {
    // The bots log typed events only (BotEvent, bot-host/src/bot-event.ts) through `bot.log`;
    // Bolt's logger adapter is the one place that writes to the raw logger.
    files: [
      'apps/slack-bot/src/**/*.ts',
      'apps/teams-bot/src/**/*.ts',
      'packages/bot-host/src/**/*.ts',
    ],
    ignores: ['**/bolt-logger.ts', '**/*.test.ts', '**/testing/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(trace|debug|info|warn|error)$/][callee.object.property.name="logger"], CallExpression[callee.property.name=/^(trace|debug|info|warn|error)$/][callee.object.name="logger"]',
          message: 'Log a BotEvent through bot.log; declare new event names in bot-event.ts.',
        },
      ],
    },
  },
  {
    // The command line logs typed events only: CliEvent (apps/cli/src/cli-event.ts) and the
    // core's LogEvent (forwardEvents in logger.ts), the two places that write to pino.
    files: ['apps/cli/src/**/*.ts'],
    ignores: ['**/cli-event.ts', '**/logger.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(trace|debug|info|warn|error)$/][callee.object.property.name="logger"], CallExpression[callee.property.name=/^(trace|debug|info|warn|error)$/][callee.object.name="logger"]',
          message: 'Log a CliEvent through cliLog; declare new event names in cli-event.ts.',
        },
      ],
    },
  },
  {
    // Tests too use public surfaces (the store's own server tests may talk to Postgres).
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@knowhow/*/src/*', '@knowhow/*/dist/*'],
              message: "Import the package's index (or its ./testing).",
            },
          ],
        },
      ],
    },
  },
  {
    // Where reading the environment is the point: app configuration, tests, benchmarks.
    files: [
      '**/env.ts',
      '**/*.test.ts',
      'test/**',
      'bench/**',
      '**/testing/test-databases.ts',
      '**/testing/real-model.ts',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' },
    },
  },
);
