import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { contentSize, generatedContent, materialize, textContent, writeContent } from '../../../src/engine/fs/index.ts';

const hash = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('generated content', () => {
  it('writes the same bytes through the word-aligned fast path and the byte-wise path', () => {
    for (const [seed, size, repeat] of [['a', 1_000_003, 0.6], ['b', 4097, 0.6], ['c', 70_000, 0], ['d', 300_000, 0.95], ['e', 63, 0.6]] as const) {
      const content = generatedContent(seed, size, repeat);
      const aligned = new Uint8Array(size);
      writeContent(content, aligned);
      // An output view at an odd byte offset cannot take 32-bit stores, so the byte loop runs.
      const backing = new Uint8Array(size + 3);
      const unaligned = backing.subarray(3);
      writeContent(content, unaligned);
      expect(hash(unaligned)).toBe(hash(aligned));
      expect(hash(materialize(content))).toBe(hash(aligned));
    }
  });

  it('is deterministic per seed and differs between seeds', () => {
    expect(hash(materialize(generatedContent('x', 10_000)))).toBe(hash(materialize(generatedContent('x', 10_000))));
    expect(hash(materialize(generatedContent('x', 10_000)))).not.toBe(hash(materialize(generatedContent('y', 10_000))));
  });

  it('refuses an output buffer of the wrong length and copies byte content as is', () => {
    expect(() => writeContent(generatedContent('x', 10), new Uint8Array(9))).toThrow(RangeError);
    const text = textContent('hello');
    const out = new Uint8Array(contentSize(text));
    writeContent(text, out);
    expect(new TextDecoder().decode(out)).toBe('hello');
  });
});
