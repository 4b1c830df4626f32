import { describe, expect, it } from 'vitest';
import { isCurrentSection, joinBase } from '../../../src/components/site/paths.ts';

describe('joinBase', () => {
  it('prefixes site paths with the root base', () => {
    expect(joinBase('/', '/')).toBe('/');
    expect(joinBase('/', 'lessons/')).toBe('/lessons/');
    expect(joinBase('/', '/sandbox/')).toBe('/sandbox/');
  });

  it('prefixes site paths with a sub-path base, with or without its trailing slash', () => {
    expect(joinBase('/layerlab/', '/')).toBe('/layerlab/');
    expect(joinBase('/layerlab/', 'favicon.svg')).toBe('/layerlab/favicon.svg');
    expect(joinBase('/layerlab', '/lessons/what-is-an-image/')).toBe('/layerlab/lessons/what-is-an-image/');
    expect(joinBase('/docs/layerlab/', '//sandbox/')).toBe('/docs/layerlab/sandbox/');
  });
});

describe('isCurrentSection', () => {
  it('matches the page itself, ignoring a trailing slash', () => {
    expect(isCurrentSection('/layerlab/lessons/', '/layerlab/lessons/', true)).toBe(true);
    expect(isCurrentSection('/layerlab/lessons', '/layerlab/lessons/', true)).toBe(true);
    expect(isCurrentSection('/', '/', true)).toBe(true);
  });

  it('matches pages inside a section only when not exact', () => {
    expect(isCurrentSection('/lessons/what-is-an-image/', '/lessons/', false)).toBe(true);
    expect(isCurrentSection('/lessons/what-is-an-image/', '/lessons/', true)).toBe(false);
  });

  it('does not match a sibling whose name merely starts the same', () => {
    expect(isCurrentSection('/lessons-archive/', '/lessons/', false)).toBe(false);
    expect(isCurrentSection('/sandbox/', '/', true)).toBe(false);
  });
});
