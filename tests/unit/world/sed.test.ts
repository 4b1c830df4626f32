// sed addresses as GNU sed's manual ("Selecting lines by numbers", "Range addresses") has them:
// addr1,addr2 (a line number not after the start selects one line), /re/,/re/, addr1,+N, `$` and `!`.
import { describe, expect, it } from 'vitest';
import { sh } from './helpers.ts';

const run = async (script: string) => (await sh('debian:bookworm-slim', `seq 1 8 > /n; ${script} | tr '\\n' ' '`)).out;

describe('sed ranges', () => {
  it('line ranges, to the last line, and by pattern', async () => {
    expect(await run("sed -n '2,4p' /n")).toBe('2 3 4 ');
    expect(await run("sed '3,$d' /n")).toBe('1 2 ');
    expect(await run("sed -n '/3/,/5/p' /n")).toBe('3 4 5 ');
  });

  it('addr1,+N, a second address before the first, and ! for the lines outside', async () => {
    expect(await run("sed -n '6,+1p' /n")).toBe('6 7 ');
    expect(await run("sed -n '5,2p' /n")).toBe('5 ');
    expect(await run("sed '2,7!d' /n")).toBe('2 3 4 5 6 7 ');
  });

  it('-i with a range edits the file in place', async () => {
    const r = await sh('alpine:3.21', "seq 1 5 > /n; sed -i '1,3s/^/x/' /n; cat /n");
    expect(r.out).toBe('x1\nx2\nx3\n4\n5\n');
  });

  it('a real command the lab lacks says so; a made-up one is sed\'s "unknown command"', async () => {
    const r = await sh('debian:bookworm-slim', 'seq 1 2 | sed h; seq 1 2 | sed k');
    expect(r.err).toBe("In this lab, sed's `h' command is not simulated; s, d, p, q, =, a, i and c are, with line, $, /regex/ and addr1,addr2 addresses.\nsed: -e expression #1, char 1: unknown command: `k'\n");
  });
});
