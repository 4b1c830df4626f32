// Command-line parsing for the lab shell: a small POSIX-like subset. Words with single quotes, double
// quotes and backslash escapes; `$VAR`, `${VAR}` and `$?` expansion outside single quotes; `#` comments;
// command lists joined by `;`, `&&`, `||` and newlines; output redirection with `>` and `>>` (also `2>`, `2>>`).
// Pipes and subshells are outside the subset and are reported as such rather than misread.

export type Connector = ';' | '&&' | '||';

export interface Redirect {
  readonly fd: 1 | 2;
  readonly append: boolean;
  /** A file, or `&1`/`&2` to send the stream where the other one goes (`2>&1`, `>&2`). */
  readonly target: string;
}

export interface SimpleCommand {
  readonly argv: string[];
  readonly redirects: Redirect[];
  /** Connector that joins this command to the previous one (`;` for the first). */
  readonly connector: Connector;
  /** Variable assignments are not supported as commands; kept to report them clearly. */
}

export class ShellSyntaxError extends Error {}

type Tok =
  | { t: 'word'; v: string; quoted: boolean }
  | { t: 'op'; v: Connector | '>' | '>>' | '2>' | '2>>' | '|' | '&' | '\n' | '(' | ')' };

export type VarLookup = (name: string) => string | undefined;

function isNameChar(c: string): boolean {
  return /[A-Za-z0-9_]/.test(c);
}

/** Splits a line into tokens, expanding variables as it goes. */
export function tokenize(line: string, vars: VarLookup): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let word = '';
  let inWord = false;
  let quoted = false;
  const flush = (): void => {
    if (inWord) out.push({ t: 'word', v: word, quoted });
    word = '';
    inWord = false;
    quoted = false;
  };
  const readVar = (): string => {
    // at line[i] === '$'
    const next = line[i + 1];
    if (next === '{') {
      const end = line.indexOf('}', i + 2);
      if (end < 0) throw new ShellSyntaxError("syntax error: missing '}'");
      const name = line.slice(i + 2, end);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$|^\?$/.test(name)) throw new ShellSyntaxError(`\${${name}}: bad substitution`);
      i = end + 1;
      return vars(name) ?? '';
    }
    if (next === '?') {
      i += 2;
      return vars('?') ?? '0';
    }
    if (next !== undefined && /[A-Za-z_]/.test(next)) {
      let j = i + 1;
      while (j < line.length && isNameChar(line[j]!)) j++;
      const name = line.slice(i + 1, j);
      i = j;
      return vars(name) ?? '';
    }
    i++;
    return '$';
  };
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t') {
      flush();
      i++;
    } else if (c === '\n') {
      flush();
      out.push({ t: 'op', v: '\n' });
      i++;
    } else if (c === '#' && !inWord) {
      while (i < line.length && line[i] !== '\n') i++;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new ShellSyntaxError('unexpected EOF while looking for matching `\'\'');
      word += line.slice(i + 1, end);
      inWord = true;
      quoted = true;
      i = end + 1;
    } else if (c === '"') {
      inWord = true;
      quoted = true;
      i++;
      let closed = false;
      while (i < line.length) {
        const d = line[i]!;
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\' && i + 1 < line.length && '"$\\`\n'.includes(line[i + 1]!)) {
          if (line[i + 1] !== '\n') word += line[i + 1];
          i += 2;
        } else if (d === '$') {
          word += readVar();
        } else {
          word += d;
          i++;
        }
      }
      if (!closed) throw new ShellSyntaxError('unexpected EOF while looking for matching `"\'');
    } else if (c === '\\') {
      if (i + 1 < line.length) {
        if (line[i + 1] !== '\n') {
          word += line[i + 1];
          inWord = true;
        }
        i += 2;
      } else i++;
    } else if (c === '$') {
      word += readVar();
      inWord = true;
    } else if (c === '&' || c === '|' || c === ';' || c === '>' || c === '(' || c === ')') {
      // `2>` only when the word so far is exactly "2" and unquoted.
      if (c === '>' && inWord && word === '2' && !quoted) {
        word = '';
        inWord = false;
        if (line[i + 1] === '>') {
          out.push({ t: 'op', v: '2>>' });
          i += 2;
        } else {
          out.push({ t: 'op', v: '2>' });
          i++;
        }
        continue;
      }
      flush();
      const two = line.slice(i, i + 2);
      if (two === '&&' || two === '||' || two === '>>') {
        out.push({ t: 'op', v: two });
        i += 2;
      } else {
        out.push({ t: 'op', v: c as '&' | '|' | ';' | '>' | '(' | ')' });
        i++;
      }
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  flush();
  return out;
}

/** Parses a command line (possibly several lines) into simple commands joined by connectors. */
export function parseCommandLine(line: string, vars: VarLookup): SimpleCommand[] {
  const toks = tokenize(line, vars);
  const cmds: SimpleCommand[] = [];
  let argv: string[] = [];
  let redirects: Redirect[] = [];
  let connector: Connector = ';';
  let pendingConnector = false;
  const end = (next: Connector, opText: string): void => {
    if (argv.length === 0) {
      if (redirects.length > 0) throw new ShellSyntaxError('syntax error: redirection without a command');
      if (next === ';' && opText === '\n') {
        if (!pendingConnector) return; // blank line
        return; // `a &&\n b`: keep waiting for the command
      }
      throw new ShellSyntaxError(`syntax error near unexpected token \`${opText}'`);
    }
    cmds.push({ argv, redirects, connector });
    argv = [];
    redirects = [];
    connector = next;
    pendingConnector = next !== ';';
  };
  for (let k = 0; k < toks.length; k++) {
    const tok = toks[k]!;
    if (tok.t === 'word') {
      argv.push(tok.v);
      continue;
    }
    switch (tok.v) {
      case ';':
      case '\n':
        end(';', tok.v);
        break;
      case '&&':
      case '||':
        end(tok.v, tok.v);
        break;
      case '>':
      case '>>':
      case '2>':
      case '2>>': {
        const target = toks[k + 1];
        const dup = toks[k + 2];
        if (target?.t === 'op' && target.v === '&' && dup?.t === 'word' && (dup.v === '1' || dup.v === '2')) {
          redirects.push({ fd: tok.v.startsWith('2') ? 2 : 1, append: false, target: `&${dup.v}` });
          k += 2;
          break;
        }
        if (!target || target.t !== 'word') throw new ShellSyntaxError("syntax error near unexpected token `newline'");
        redirects.push({ fd: tok.v.startsWith('2') ? 2 : 1, append: tok.v.endsWith('>>'), target: target.v });
        k++;
        break;
      }
      case '|':
        throw new ShellSyntaxError('pipes (|) are not supported in this lab shell');
      case '&':
        throw new ShellSyntaxError('background jobs (&) are not supported in this lab shell');
      case '(':
      case ')':
        throw new ShellSyntaxError('subshells ( ) are not supported in this lab shell');
    }
  }
  if (argv.length > 0 || redirects.length > 0) end(';', 'newline');
  else if (pendingConnector) throw new ShellSyntaxError("syntax error: unexpected end of file");
  return cmds;
}

/** Splits a line into words for completion without expanding anything; returns each word's start index. */
export function splitForCompletion(line: string): { words: string[]; starts: number[] } {
  const words: string[] = [];
  const starts: number[] = [];
  let i = 0;
  let cur = '';
  let start = -1;
  let quote: string | null = null;
  const flush = (): void => {
    if (start >= 0) {
      words.push(cur);
      starts.push(start);
    }
    cur = '';
    start = -1;
  };
  while (i < line.length) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else cur += c;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t') {
      flush();
    } else if (c === ';' || c === '&' || c === '|' || c === '>') {
      flush();
      // A new command starts after a separator: reset the word list.
      if (c !== '>') {
        words.length = 0;
        starts.length = 0;
      }
    } else if (c === "'" || c === '"') {
      if (start < 0) start = i;
      quote = c;
    } else {
      if (start < 0) start = i;
      cur += c;
    }
    i++;
  }
  flush();
  return { words, starts };
}

/** True when `text` ends inside a quote, after a trailing `\`, or after `&&`/`||`: the command continues on the next line. */
export function isIncomplete(text: string): boolean {
  try {
    parseCommandLine(text, () => '');
    return /\\$/.test(text);
  } catch (e) {
    return e instanceof ShellSyntaxError && /unexpected EOF|unexpected end of file/.test(e.message);
  }
}
