import { describe, expect, it } from 'vitest';
import { schedulePull, schedulePush } from '../../../src/engine/registry/schedule.ts';
import { NETWORK_PRESETS } from '../../../src/engine/registry/network.ts';
import { plainLines, progressText, pullMessages, pushMessages, ttyChunks, ttyScreen } from '../../../src/engine/registry/render.ts';

const d = (c: string): string => `sha256:${c.repeat(64)}`;

/** A tiny terminal: enough of VT100 to replay what docker writes (CR, LF, cursor up/down, erase line). */
function replay(text: string): string[] {
  const screen: string[] = [''];
  let row = 0;
  let col = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\x1b') {
      const m = /^\x1b\[(\d+)([ABK])/.exec(text.slice(i))!;
      const n = Number(m[1]);
      if (m[2] === 'A') row = Math.max(0, row - n);
      if (m[2] === 'B') row += n;
      if (m[2] === 'K') screen[row] = '';
      while (screen.length <= row) screen.push('');
      i += m[0].length - 1;
    } else if (ch === '\n') {
      row++;
      col = 0;
      while (screen.length <= row) screen.push('');
    } else if (ch === '\r') col = 0;
    else {
      const line = screen[row]!.padEnd(col);
      screen[row] = line.slice(0, col) + ch + line.slice(col + 1);
      col++;
    }
  }
  while (screen.length && screen.at(-1) === '') screen.pop();
  return screen;
}

describe('pull rendering', () => {
  const events = schedulePull({
    tagOrDigest: '22-alpine', repository: 'library/node', digest: d('9'), network: NETWORK_PRESETS.home,
    layers: [
      { digest: d('a'), compressedSize: 3_600_000, size: 8_000_000, present: true },
      { digest: d('b'), compressedSize: 40_000_000, size: 150_000_000, present: false },
      { digest: d('c'), compressedSize: 1_200_000, size: 5_000_000, present: false },
    ],
  });
  const messages = pullMessages(events, { familiar: 'node:22-alpine' });

  it('prints one line per status without a terminal', () => {
    expect(plainLines(messages)).toEqual([
      '22-alpine: Pulling from library/node',
      'aaaaaaaaaaaa: Already exists',
      'bbbbbbbbbbbb: Pulling fs layer',
      'cccccccccccc: Pulling fs layer',
      'cccccccccccc: Verifying Checksum',
      'cccccccccccc: Download complete',
      'bbbbbbbbbbbb: Verifying Checksum',
      'bbbbbbbbbbbb: Download complete',
      'bbbbbbbbbbbb: Pull complete',
      'cccccccccccc: Pull complete',
      `Digest: ${d('9')}`,
      'Status: Downloaded newer image for node:22-alpine',
    ]);
  });

  it('redraws each layer in place on a terminal', () => {
    const text = ttyChunks(messages, 120).map((c) => c.text).join('');
    const screen = replay(text).map((l) => l.trimEnd());
    expect(screen).toEqual(ttyScreen(messages, 120).map((l) => l.trimEnd()));
    expect(screen).toEqual([
      '22-alpine: Pulling from library/node',
      'aaaaaaaaaaaa: Already exists',
      'bbbbbbbbbbbb: Pull complete',
      'cccccccccccc: Pull complete',
      `Digest: ${d('9')}`,
      'Status: Downloaded newer image for node:22-alpine',
    ]);
    // Part-way through, the big layer shows a bar.
    const mid = ttyChunks(messages, 120).filter((c) => c.at < 2000).map((c) => c.text).join('');
    expect(replay(mid)[2]!.trimEnd()).toMatch(/^bbbbbbbbbbbb: Downloading \[=+>\s*\] +\d+(\.\d+)?MB\/40MB$/);
  });

  it('formats progress like jsonmessage', () => {
    expect(progressText(1_500_000, 3_000_000, 120)).toBe(`[${'='.repeat(25)}>${' '.repeat(25)}]    1.5MB/3MB`);
    expect(progressText(1_500_000, 3_000_000, 80)).toBe('   1.5MB/3MB');
    expect(progressText(0, 0, 120)).toBe('');
  });
});

describe('push rendering', () => {
  it('prints docker push lines', () => {
    const events = schedulePush({
      repository: 'docker.io/learner/app', tag: 'v1', manifestDigest: d('m'), manifestSize: 741, network: NETWORK_PRESETS.datacentre,
      layers: [
        { digest: d('a'), diffId: d('1'), compressedSize: 3_600_000, remote: 'mountable', mountFrom: 'library/alpine' },
        { digest: d('b'), diffId: d('2'), compressedSize: 2_000, remote: 'missing' },
      ],
    });
    const lines = plainLines(pushMessages(events));
    expect(lines[0]).toBe('The push refers to repository [docker.io/learner/app]');
    expect(lines.slice(1, 3)).toEqual(['222222222222: Preparing', '111111111111: Preparing']);
    expect(lines).toContain('111111111111: Mounted from library/alpine');
    expect(lines).toContain('222222222222: Pushed');
    expect(lines.at(-1)).toBe(`v1: digest: ${d('m')} size: 741`);
  });
});
