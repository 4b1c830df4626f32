import { describe, expect, it } from 'vitest';
import { parseEmbedConfig } from '../../../src/embed/config.ts';

const b64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('embed configuration from the URL', () => {
  it('has defaults: every view, nothing read-only, auto theme, no start commands', () => {
    const c = parseEmbedConfig('');
    expect(c).toMatchObject({ views: ['terminal', 'editor', 'files', 'pictures'], readonly: [], run: [], theme: 'auto', origins: [], problems: [] });
    expect(c.preset).toBeUndefined();
    expect(c.storageKey).toBeUndefined();
  });

  it('reads every setting', () => {
    const c = parseEmbedConfig(
      '?preset=node-app@start&challenge=build-cache/reorder&views=terminal,pictures&readonly=editor&run=docker%20images&run=ls&theme=host&network=conference-wifi&storage-key=docs-1&origin=https://docs.example.com',
    );
    expect(c).toMatchObject({
      preset: 'node-app@start',
      challenge: 'build-cache/reorder',
      views: ['terminal', 'pictures'],
      readonly: ['editor'],
      run: ['docker images', 'ls'],
      theme: 'host',
      network: 'conference-wifi',
      storageKey: 'docs-1',
      origins: ['https://docs.example.com'],
      problems: [],
    });
  });

  it('drops bad values with a problem in plain words and keeps the rest', () => {
    const c = parseEmbedConfig('?preset=../../etc&views=terminal,banner&theme=neon&network=5g&storage-key=a%20b&origin=javascript:alert(1),https://ok.example&challenge=x');
    expect(c.preset).toBeUndefined();
    expect(c.views).toEqual(['terminal']);
    expect(c.theme).toBe('auto');
    expect(c.network).toBeUndefined();
    expect(c.storageKey).toBeUndefined();
    expect(c.challenge).toBeUndefined();
    expect(c.origins).toEqual(['https://ok.example']);
    expect(c.problems).toEqual([
      'preset "../../etc" is not a preset name; the default sample opens.',
      'challenge "x" is not a challenge id (lesson/challenge).',
      'views: "banner" is not one of terminal, editor, files, pictures.',
      'theme "neon" is not one of light, dark, auto, host; auto is used.',
      'network "5g" is not one of conference-wifi, home, datacentre.',
      'storage-key "a b" must be 1 to 40 letters, digits, - or _.',
      'origin "javascript:alert(1)" is not an origin such as https://docs.example.com.',
    ]);
  });

  it('falls back to every view when none is usable', () => {
    const c = parseEmbedConfig('?views=nothing');
    expect(c.views).toEqual(['terminal', 'editor', 'files', 'pictures']);
    expect(c.problems.at(-1)).toBe('views named nothing that can be shown; the whole lab is shown.');
  });

  it('caps start commands at 10', () => {
    const c = parseEmbedConfig(`?${Array.from({ length: 12 }, (_, i) => `run=echo%20${i}`).join('&')}`);
    expect(c.run).toHaveLength(10);
    expect(c.problems).toEqual(['Only the first 10 start commands run.']);
  });

  it('reads inline files from the fragment, refusing unsafe names', () => {
    const files = { Dockerfile: 'FROM alpine:3.21\n', 'src/app.js': 'console.log(1)\n', '../escape': 'x', '.git/config': 'x', 'a\u009bb': 'x', n: 5 };
    const c = parseEmbedConfig('', `#files=${b64url(JSON.stringify(files))}`);
    expect(c.files).toEqual({ Dockerfile: 'FROM alpine:3.21\n', 'src/app.js': 'console.log(1)\n' });
    expect(c.problems).toHaveLength(4);
    expect(c.problems[0]).toBe('The inline file "../escape" was left out: its name or content is not acceptable.');
  });

  it('says so when the inline files are damaged', () => {
    expect(parseEmbedConfig('', '#files=%%%').problems).toEqual(['The inline files could not be read (expected base64url of a JSON object); they were left out.']);
    expect(parseEmbedConfig('', `#files=${b64url('[1,2]')}`).problems).toEqual(['The inline files must be a JSON object of path → text; they were left out.']);
  });
});
