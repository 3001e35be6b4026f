import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// The architecture's import arrows, enforced with no-restricted-imports. Each row: the files it covers, the folders
// (from the repository root) and packages they must not import, and why. Rows cover disjoint files, because a later
// config block replaces an earlier block's no-restricted-imports instead of adding to it. Type-only imports count.
// Only static imports and re-exports are checked: an import() or new URL() is not.
const APP = ['src/gpu', 'src/ui', 'src/state', 'src/experiments', 'workers'];
const LIBRARIES = ['src/lode', 'src/learn', 'src/data', 'src/physics'];
const TOOLING = ['scripts', 'e2e'];
const BROWSER_PACKAGES = ['react', 'react-dom', 'three', '@react-three', 'recharts', 'comlink', 'zustand'];

const LAYERS = [
  {
    // The foundation: structures may use src/util, and nothing else in the repository.
    files: ['src/chem/**'],
    forbid: [...APP, ...LIBRARIES, ...TOOLING],
    packages: BROWSER_PACKAGES,
    why: 'structures sit below every layer but src/util',
  },
  {
    // The bottom layer (chem → util, never the reverse).
    files: ['src/util/**'],
    forbid: [...APP, ...LIBRARIES, 'src/chem', ...TOOLING],
    packages: BROWSER_PACKAGES,
    why: 'utilities sit below every other layer',
  },
  {
    // Pure libraries: no GPU engine, UI, app state, lessons, worker, CLI or tests.
    files: LIBRARIES.map((folder) => `${folder}/**`),
    forbid: [...APP, ...TOOLING],
    packages: BROWSER_PACKAGES,
    why: 'the CPU engine and libraries run unchanged in Node, in the worker and in the page',
  },
  {
    // Nothing below the UI reaches up into it.
    files: ['src/gpu/**', 'src/state/**', 'src/experiments/**'],
    forbid: ['src/ui', ...TOOLING],
    why: 'they sit below the UI, and the app never depends on the CLI or its tests',
  },
  {
    // The page reaches the GPU only through the engine worker, started by URL in src/ui/engine-worker.ts.
    files: ['src/ui/**'],
    forbid: ['src/gpu', 'src/lode/gpu', 'workers', ...TOOLING],
    allow: ['workers/protocol.ts'],
    why: 'the UI reaches the engines only through the worker, whose types are in workers/protocol.ts',
  },
  {
    // The entry point mounts the UI (the one import of src/ui from outside it).
    files: ['src/main.tsx'],
    forbid: TOOLING,
    why: 'the app never depends on the CLI or its tests',
  },
  {
    // The worker composes the engines; the UI depends on it, so it must not depend on the UI.
    files: ['workers/**'],
    ignores: ['workers/protocol.ts'],
    forbid: ['src/ui', ...TOOLING],
    why: 'the worker sits below the UI, and the app never depends on the CLI or its tests',
  },
  {
    // The UI imports this file: a value import here would drag the engines into the page bundle.
    files: ['workers/protocol.ts'],
    forbid: ['src/ui', ...TOOLING],
    typesOnly: true,
    why: 'the worker protocol is imported by the UI and holds types only',
  },
  {
    // e2e/ uses the CLI's helpers (scripts/lib/chromium.ts), never the reverse.
    files: ['scripts/**'],
    forbid: ['e2e'],
    why: 'the CLI, benchmarks and data generators do not depend on the end-to-end tests',
  },
];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Relative specifiers that land in `folder` ('../gpu/x.ts' from src/, '../src/gpu/x.ts' from outside) but not `exempt`. */
function intoFolder(folder, exempt) {
  const names = exempt.map((file) => escape(file.slice(folder.length + 1)));
  const unless = names.length > 0 ? `(?!(${names.join('|')})$)` : '';
  return `^(\\.{1,2}\\/)+(src\\/)?${escape(folder.replace(/^src\//, ''))}(\\/${unless}|$)`;
}

function layerBlock({ files, ignores = [], forbid, packages = [], allow = [], typesOnly = false, why }) {
  const layer = files.map((f) => f.replace(/\/\*\*$/, '')).join(', ');
  const patterns = forbid.map((folder) => {
    const exempt = allow.filter((file) => file.startsWith(`${folder}/`));
    const except = exempt.length > 0 ? ` (other than ${exempt.join(', ')})` : '';
    const message = `${layer} must not import ${folder}${except}: ${why}.`;
    return { regex: intoFolder(folder, exempt), caseSensitive: true, message };
  });
  if (packages.length > 0) {
    patterns.push({
      regex: `^(${packages.map(escape).join('|')})(\\/|$)`,
      caseSensitive: true,
      message: `${layer} must not import ${packages.join(', ')}: ${why}.`,
    });
  }
  if (typesOnly) patterns.push({ regex: '.', allowTypeImports: true, message: `Type-only imports: ${why}.` });
  return { files, ignores, rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'bench-results', '.scratch'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  ...LAYERS.map(layerBlock),
);
