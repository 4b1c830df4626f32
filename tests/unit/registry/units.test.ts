import { describe, expect, it } from 'vitest';
import { formatG, goDuration, humanDuration, humanSize, humanSizeWithPrecision, shortId } from '../../../src/engine/units.ts';

describe('go-units sizes', () => {
  it('HumanSize keeps 4 significant digits in decimal units', () => {
    expect(humanSize(3_146_000)).toBe('3.146MB');
    expect(humanSize(31_360_000)).toBe('31.36MB');
    expect(humanSize(0)).toBe('0B');
    expect(humanSize(999)).toBe('999B');
    expect(humanSize(1000)).toBe('1kB');
    expect(humanSize(1_234_567_890)).toBe('1.235GB');
  });
  it('HumanSizeWithPrecision(x, 3) is what docker images and history print', () => {
    expect(humanSizeWithPrecision(7_800_000, 3)).toBe('7.8MB');
    expect(humanSizeWithPrecision(7_834_567, 3)).toBe('7.83MB');
    expect(humanSizeWithPrecision(123_456_789, 3)).toBe('123MB');
    // Go's %.3g switches to exponent form when rounding reaches 1000 (a known go-units quirk).
    expect(humanSizeWithPrecision(999_600, 3)).toBe('1e+03kB');
  });
  it('formats %g like Go', () => {
    expect(formatG(0.0001234, 3)).toBe('0.000123');
    expect(formatG(0.00001234, 3)).toBe('1.23e-05');
    expect(formatG(2.5, 4)).toBe('2.5');
  });
});

describe('durations and IDs', () => {
  it('time.Duration strings', () => {
    expect(goDuration(0)).toBe('0s');
    expect(goDuration(1500)).toBe('1.5s');
    expect(goDuration(62_000)).toBe('1m2s');
    expect(goDuration(250)).toBe('250ms');
  });
  it('HumanDuration as docker ps uses it', () => {
    expect(humanDuration(500)).toBe('Less than a second');
    expect(humanDuration(1000)).toBe('1 second');
    expect(humanDuration(59_000)).toBe('59 seconds');
    expect(humanDuration(90_000)).toBe('About a minute');
    expect(humanDuration(5 * 60_000)).toBe('5 minutes');
    expect(humanDuration(3 * 3_600_000)).toBe('3 hours');
  });
  it('TruncateID drops the algorithm and keeps 12 hex', () => {
    expect(shortId('sha256:0123456789abcdef0123')).toBe('0123456789ab');
  });
});
