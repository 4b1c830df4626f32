// The engine's shape: a public contract that depends on nothing, parts that are given what they need
// (no module-level registry of engines), and one clock.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLabEngine, fixedClock } from '../../../src/engine/index.ts';
import { labContainers } from '../../../src/engine/container/index.ts';
import { labRegistry } from '../../../src/engine/registry/index.ts';

const engineDir = join(import.meta.dirname, '..', '..', '..', 'src', 'engine');

describe('the engine contract and its parts', () => {
  it('contract.ts imports nothing', () => {
    const text = readFileSync(join(engineDir, 'contract.ts'), 'utf8');
    expect(text).not.toMatch(/^\s*(import|export)\b[^;]*\bfrom\s/m);
    expect(text).not.toMatch(/\bimport\s*\(/);
  });

  it('no part is hung off the engine through a module-level map', () => {
    for (const dir of ['registry', 'container', 'store', 'state']) {
      for (const name of readdirSync(join(engineDir, dir))) {
        expect(readFileSync(join(engineDir, dir, name), 'utf8'), `${dir}/${name}`).not.toMatch(/new WeakMap\b/);
      }
    }
  });

  it('the registry, the containers and the state modules never read the time (clock.ts does)', () => {
    for (const dir of ['registry', 'container', 'state']) {
      for (const name of readdirSync(join(engineDir, dir))) {
        expect(readFileSync(join(engineDir, dir, name), 'utf8'), `${dir}/${name}`).not.toMatch(/Date\.now\(|new Date\(\)/);
      }
    }
  });

  it('each engine has its own registry and containers, reached as parts', () => {
    const a = createLabEngine({ clock: fixedClock(0) });
    const b = createLabEngine({ clock: fixedClock(0) });
    expect(labContainers(a)).toBe(a.containers);
    expect(labRegistry(a)).toBe(a.registry);
    expect(a.containers).not.toBe(b.containers);
    expect(a.registry.registry).not.toBe(b.registry.registry);
  });
});
