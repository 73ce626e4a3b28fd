// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Which folder may import which. A folder lower in the list never imports a
 * folder higher up: the hub's own logic (auth, audit, subgraphs) builds on
 * platform and domain, the gateway and scripts build on everything, and no
 * department's subgraph reaches into another's.
 */
const FOLDERS = ['domain', 'platform', 'auth', 'audit', 'exchange', 'subgraphs', 'schema', 'seed', 'gateway', 'hub', 'bench', 'scripts'];

/** @param {string} folder @param {string[]} forbidden @param {string} why */
const layer = (folder, forbidden, why) => ({
  files: [`${folder}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: [{ group: forbidden.flatMap((f) => [`**/${f}`, `**/${f}/**`]), message: why }] },
    ],
  },
});

const above = (folder) => FOLDERS.slice(FOLDERS.indexOf(folder) + 1);

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'dist/**', '**/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-non-null-assertion': 'error',
      // A rest pattern that leaves a property out is how a value is stripped of it (a private key's `d`).
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Apollo Server's plugin hooks are promise-returning by contract; most of ours have nothing to await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  layer('domain', above('domain'), 'domain holds the rules of identity numbers, codes and names, and imports nothing of the hub'),
  layer('platform', above('platform'), 'platform is the lowest layer: servers, databases, logging; it knows no policy, audit or department'),
  layer('auth', above('auth'), 'auth decides who may see what; it is used by subgraphs and the gateway, never the other way round'),
  layer('audit', above('audit'), 'audit records and verifies; it builds on auth and platform only'),
  layer('exchange', above('exchange'), 'the exchange talks to partner cities; it builds on audit, auth and platform only'),
  {
    // Tests read answers as untyped JSON and index into them: an assertion that
    // is wrong throws and fails the test, which is what a test is for.
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
