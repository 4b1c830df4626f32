// The import rules of README's "How the code is laid out", checked by `npm run lint:deps` (part of
// `npm test`). tests/unit/rules/dependency-rules.test.ts runs this config on small fixtures, one
// deliberate violation per rule.
//
// Layers, lowest first. Each may import only its own layer and the ones below it.
//   engine      src/engine: pure TypeScript, no DOM, no Node (its tsconfig has neither library)
//   workspace   src/workspace: the build context as a git working tree; src/samples: the sample
//               projects, plain data the workspace is seeded with (imported by shell, course and lab)
//   shell       src/shell: the lab shell, for the browser terminal and the headless CLI
//   course      src/course and content/challenges: challenges as data and the checker over the
//               engine's state; it runs commands through the shell and needs no session, so the CLI's
//               `layerlab check` uses it too
//   lab         src/lab: the lab session the islands act through
//   components  src/components/<island>: the islands and the site's own components; an island never
//               imports another island
//   entries     src/app: what puts the islands together on a page: the lab's lazy entry (boot.ts),
//               its frame (lab-app.ts), and the course's panel and picker handed the running session;
//               src/embed: the same for the embeddable lab at /embed/
//   pages       src/pages, src/layouts, src/content.config.ts, src/integrations (build-time Astro
//               integrations), bin/ (the CLI's entry), tools/ (Node-only scripts that make the
//               catalogue data the engine ships)
// `.astro` files are not read by dependency-cruiser (no parser for them). They compose the page, so
// they count as the pages layer: LabSlot.astro in components/site hands src/app/boot.ts to the slot,
// ChallengePanel.astro loads src/app/course-panel.ts.
// src/styles holds CSS only. A module under src/ in none of these folders fails 'unplaced-module'.
'use strict';

const LAYERS = [
  { name: 'engine', path: '^src/engine/' },
  { name: 'workspace', path: '^src/(workspace|samples)/' },
  { name: 'shell', path: '^src/shell/' },
  { name: 'course', path: '^(src/course|content/challenges)/' },
  { name: 'lab', path: '^src/lab/' },
  { name: 'components', path: '^src/components/' },
  { name: 'entries', path: '^src/(app|embed)/' },
  { name: 'pages', path: '^(src/pages/|src/layouts/|src/integrations/|src/content[.]config[.]ts$|bin/|tools/)' },
];

const layerRules = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer.name}`,
  comment: `${layer.name} is below ${LAYERS.slice(i + 1).map((l) => l.name).join(', ')}: it must not import them`,
  severity: 'error',
  from: { path: layer.path },
  to: { path: LAYERS.slice(i + 1).map((l) => l.path) },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'unplaced-module',
      comment: 'Every module under src/ belongs to one of the layers above (add a new folder to LAYERS)',
      severity: 'error',
      from: { path: '^src/', pathNot: LAYERS.map((l) => l.path) },
      to: {},
    },
    {
      name: 'island-imports-island',
      comment: 'Islands talk only through the lab session (src/lab), never to one another',
      severity: 'error',
      from: { path: '^src/components/([^/]+)/' },
      to: { path: '^src/components/', pathNot: '^src/components/$1/' },
    },
    {
      name: 'no-cycle',
      comment: 'No import cycle, type-only imports included',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'engine-no-node',
      comment: 'The engine runs unchanged in a Worker and the page: no Node built-ins',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'engine-shell-no-ui',
      comment: 'The engine and the shell render nothing: no terminal, editor or page libraries',
      severity: 'error',
      from: { path: '^src/(engine|shell)/' },
      to: { path: ['node_modules/(@xterm|@codemirror|astro)/', '^astro:'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing package',
      severity: 'error',
      from: {},
      to: {
        couldNotResolve: true,
        // Astro's virtual modules and the subpaths Vite resolves through package exports.
        pathNot: ['^astro(:|/)', '^astro$', '^diff/'],
      },
    },
  ],
  options: {
    // @swc/core parses TypeScript: typescript 7 has no JavaScript API for dependency-cruiser to use.
    parser: 'swc',
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '^dist', '^src/engine/world/dockerfiles/'] },
    moduleSystems: ['es6'],
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'default'], extensions: ['.ts', '.mjs', '.js', '.json'] },
  },
};
