#!/usr/bin/env node
// Layerlab's headless CLI. `npx layerlab` puts the project's Node 24 (the `node` devDependency) first on
// PATH, which runs the TypeScript sources directly.
import { main } from '../src/shell/cli.ts';

const status = await main(process.argv.slice(2));
// Let stdout and stderr drain before exiting.
process.exitCode = status;
