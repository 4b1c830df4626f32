#!/usr/bin/env node
// Layerlab's headless CLI. `npx layerlab` puts the project's Node 24 (the `node` devDependency) first on
// PATH, which runs the TypeScript sources directly. `layerlab check …` runs the course's challenges.
const args = process.argv.slice(2);
const { main } = args[0] === 'check' ? { main: (await import('../src/course/cli.ts')).checkMain } : await import('../src/shell/cli.ts');

const status = await main(args[0] === 'check' ? args.slice(1) : args);
// Let stdout and stderr drain before exiting.
process.exitCode = status;
