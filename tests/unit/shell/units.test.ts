import { describe, expect, it } from 'vitest';
import { humanSize, humanSizeWithPrecision, dockerSize, progressBytes, humanDuration } from '../../../src/shell/units.ts';

// Expected values are go-units' documented behaviour (decimal units, %g significant digits) and
// tonistiigi/units' documented examples for BuildKit's progress ("%.2f": 123B, 1.23kB).
describe('go-units sizes', () => {
  it('HumanSize uses 4 significant digits and decimal units', () => {
    expect(humanSize(1000)).toBe('1kB');
    expect(humanSize(1024)).toBe('1.024kB');
    expect(humanSize(1_000_000)).toBe('1MB');
    expect(humanSize(1_048_576)).toBe('1.049MB');
    expect(humanSize(3.42e9)).toBe('3.42GB');
    expect(humanSize(0)).toBe('0B');
  });

  it('HumanSizeWithPrecision(x, 3) gives docker images/history sizes', () => {
    expect(humanSizeWithPrecision(7_800_000, 3)).toBe('7.8MB');
    expect(dockerSize(0)).toBe('0B');
    expect(dockerSize(999)).toBe('999B');
    expect(dockerSize(1_234_567)).toBe('1.23MB');
    expect(dockerSize(218_000_000)).toBe('218MB');
    expect(dockerSize(1536)).toBe('1.54kB');
  });
});

describe('BuildKit progress bytes', () => {
  it('prints whole bytes below 1000 and two decimals above', () => {
    expect(progressBytes(2)).toBe('2B');
    expect(progressBytes(123)).toBe('123B');
    expect(progressBytes(1234)).toBe('1.23kB');
    expect(progressBytes(3_410_000)).toBe('3.41MB');
  });
});

describe('human durations', () => {
  it('follows go-units HumanDuration wording', () => {
    expect(humanDuration(500)).toBe('Less than a second');
    expect(humanDuration(1000)).toBe('1 second');
    expect(humanDuration(30_000)).toBe('30 seconds');
    expect(humanDuration(60_000)).toBe('About a minute');
    expect(humanDuration(5 * 60_000)).toBe('5 minutes');
    expect(humanDuration(3_600_000)).toBe('About an hour');
    expect(humanDuration(3 * 24 * 3_600_000)).toBe('3 days');
  });
});
