// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Which folder may import which. A folder lower in the list never imports a
 * folder higher up: the hub's own logic (auth, audit, exchange) builds on
 * platform and domain, the subgraphs on those, the gateway on them, the web
 * pages it serves on all of those, and the hub's composition root on everything, and the entry points (scripts), benchmarks
 * and tests may import anything. audit and exchange are each one module, the
 * subgraph they serve included, below the departments' subgraphs that record
 * through the one and write notices for the other.
 */
export const FOLDERS = ['domain', 'platform', 'auth', 'audit', 'events', 'exchange', 'alerts', 'subgraphs', 'schema', 'seed', 'gateway', 'web', 'hub', 'bench', 'scripts'];

/** The folders held to the layering; bench and scripts sit on top and may import anything, as tests do. */
const LAYERED = FOLDERS.slice(0, FOLDERS.indexOf('bench'));

/** The data-owning departments: none reaches into another's folder, so sharing goes through the gateway under policy. */
export const DEPARTMENTS = ['police', 'housing', 'labour', 'health'];

const above = (folder) => FOLDERS.slice(FOLDERS.indexOf(folder) + 1);

/**
 * A relative import that climbs into one of `folders` (a department's, from
 * its siblings' or from the repository root). Relative only: a package such as
 * `@apollo/gateway` is no folder of ours.
 */
const into = (folders, message) => ({ regex: `^(\\.\\./)+(subgraphs/)?(${folders.join('|')})(/|$)`, message });

/** A package's build output (`pkg/dist/...`): its layout changes in any release; its public entry points do not. */
const BUILD_OUTPUT = { regex: '^(@[^/]+/)?[^./][^/]*/dist(/|$)', message: 'import a package through its public entry points, never its build output (dist/)' };

/** @param {string[]} files @param {{ regex: string, message: string }[]} patterns */
const restrict = (files, patterns) => ({ files: files.flatMap((file) => (file.endsWith('.ts') ? [file, `${file}x`] : [file])), rules: { 'no-restricted-imports': ['error', { patterns: [...patterns, BUILD_OUTPUT] }] } });

const WHY = {
  domain: 'domain holds the rules of identity numbers, codes and names, and imports nothing of the hub',
  platform: 'platform is the lowest layer: servers, databases, logging; it knows no policy, audit or department',
  auth: 'auth decides who may see what; it is used by subgraphs and the gateway, never the other way round',
  audit: 'audit records and verifies; it builds on auth and platform only',
  events: 'events carry what departments record to the rules that watch it; they build on audit, auth and platform only',
  exchange: 'the exchange talks to partner cities; it builds on events, audit, auth and platform only',
  alerts: 'alerts are raised by rules over events and served to the officers who act; they build on the exchange, events, audit, auth and platform',
  subgraphs: 'subgraphs build on the hub\'s own modules below them; composition, seeding, the gateway and the hub build on them',
  schema: 'schema composes the subgraphs; the seed, the gateway and the hub build on it',
  seed: 'seed fills the departments\' databases; the gateway and the hub never need it',
  gateway: 'the gateway fronts the subgraphs; the hub composes it, never the other way round',
  web: 'web holds the pages and the builder of their assets; the hub hands them to the gateway, which never imports them',
  hub: 'hub is the composition root; only the entry points, benchmarks and tests build on it',
};

const layer = (folder) => into(above(folder), WHY[folder]);

/**
 * The pages' browser code (web/shared, web/<page>): it runs in a browser, so it
 * imports its own folder, web/shared and browser packages, never a module of
 * the server (none of the folders above, not the files of web/ itself, nothing
 * of Node's). The one exception is the national-standard checks in domain/
 * that import nothing of Node (identity numbers, mobile numbers, and the
 * division table the first rests on): a form checks a field exactly as the hub
 * will, with the same code.
 */
export const BROWSER_DOMAIN = ['id-number', 'phone', 'divisions'];
const BROWSER = {
  regex: `^((\\.\\./)+(subgraphs/)?(?!domain/(${BROWSER_DOMAIN.join('|')})\\.js$)(${FOLDERS.join('|')})(/|$)|\\.\\./[^/]+$|node:)`,
  message: 'browser code runs in the browser: it imports its own folder, web/shared and browser packages, never a module of the server',
};

export const layering = [
  restrict(['**/*.ts'], []),
  ...LAYERED.map((folder) => restrict([`${folder}/**/*.ts`], [layer(folder)])),
  // Later entries replace the rule for the files they match, so a department keeps its layer's patterns too.
  ...DEPARTMENTS.map((department) =>
    restrict(
      [`subgraphs/${department}/**/*.ts`],
      [
        layer('subgraphs'),
        into(
          DEPARTMENTS.filter((other) => other !== department),
          'a department owns its own data: no department imports another department\'s folder; sharing goes through the gateway, under policy',
        ),
      ],
    ),
  ),
  restrict(['web/*/**/*.ts'], [layer('web'), BROWSER]),
];

export default tseslint.config(
  // What the hub generates or writes (resolver types, databases, builds, coverage), never what anyone edits.
  { ignores: ['node_modules/**', 'data/**', '.data/**', 'dist/**', 'coverage/**', '**/generated/**'] },
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
  ...layering,
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
