// File names are data (issue 13, item 9): a name holding C1 control characters (U+0080–U+009F) or
// escape sequences must not act on the terminal when a command prints it.
// - ls and find on a terminal show each control character as `?` (busybox libbb/printable_string.c;
//   GNU ls -q, the default on a terminal); into a pipe they print the name as it is, as GNU ls does.
// - git quotes such paths in double quotes with octal escapes of their UTF-8 bytes (core.quotePath,
//   on by default: quote_c_style in git's quote.c), on a terminal or not.
import { describe, expect, it } from 'vitest';
import { createInMemoryGitWorkspace } from '../../../src/workspace/git-workspace.ts';
import { createLabShell } from '../../../src/shell/index.ts';
import { createLabEngine } from '../../../src/engine/index.ts';
import { gitQuotePath } from '../../../src/workspace/names.ts';

async function setup() {
  const ws = await createInMemoryGitWorkspace();
  await ws.writeFile('Dockerfile', 'FROM alpine:3.21\n');
  // CSI (U+009B) then "2J" would clear the screen; ESC [ ?1049h switches to the alternate screen.
  await ws.writeFile('a\u009b2Jb.txt', 'x');
  await ws.writeFile('c\u001b[?1049hd', 'y');
  const shell = createLabShell({ workspace: ws, engine: createLabEngine() });
  const run = async (line: string, tty: boolean) => {
    let out = '';
    let err = '';
    const code = await shell.run(line, { stdout: (s) => (out += s), stderr: (s) => (err += s), tty, columns: 200 });
    return { code, out, err };
  };
  return { run };
}

// Control characters other than the newline and tab that output lines are made of.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('names with control characters', () => {
  it('ls on a terminal prints ? for each control character, in every format', async () => {
    const { run } = await setup();
    const cols = await run('ls', true);
    expect(cols.out).not.toMatch(CONTROL);
    expect(cols.out.split(/ +/).map((n) => n.trim())).toEqual(['Dockerfile', 'a?2Jb.txt', 'c?[?1049hd']);
    const one = await run('ls -1', true);
    expect(one.out).toBe('Dockerfile\na?2Jb.txt\nc?[?1049hd\n');
    const long = await run('ls -l', true);
    expect(long.out).not.toMatch(CONTROL);
    expect(long.out).toMatch(/ a\?2Jb\.txt\n/);
  });

  it('ls into a pipe prints names as they are, as GNU ls does', async () => {
    const { run } = await setup();
    expect((await run('ls -1', false)).out).toBe('Dockerfile\na\u009b2Jb.txt\nc\u001b[?1049hd\n');
  });

  it('find on a terminal prints ? as well', async () => {
    const { run } = await setup();
    expect((await run('find .', true)).out).toBe('.\n./Dockerfile\n./a?2Jb.txt\n./c?[?1049hd\n');
  });

  it('git status quotes them with octal escapes, as git does with core.quotePath', async () => {
    const { run } = await setup();
    expect((await run('git init -q', true)).code).toBe(0);
    const st = await run('git status --short', true);
    expect(st.out.replace(/\x1b\[[0-9;]*m/g, '')).toBe('?? Dockerfile\n?? "a\\302\\2332Jb.txt"\n?? "c\\033[?1049hd"\n');
    await run('git add -A', false);
    const long = await run('git status', false);
    expect(long.out).toContain('new file:   "a\\302\\2332Jb.txt"');
    expect(long.out).not.toMatch(CONTROL);
  });

  it('gitQuotePath follows quote_c_style: C escapes, octal for the rest, plain ASCII unchanged', () => {
    expect(gitQuotePath('src/index.js')).toBe('src/index.js');
    expect(gitQuotePath('caf\u00e9')).toBe('"caf\\303\\251"');
    expect(gitQuotePath('tab\there')).toBe('"tab\\there"');
    expect(gitQuotePath('q"uo\\te')).toBe('"q\\"uo\\\\te"');
    expect(gitQuotePath('del\u007f')).toBe('"del\\177"');
  });
});
