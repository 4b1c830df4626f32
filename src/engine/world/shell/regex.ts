// POSIX basic and extended regular expressions as JavaScript ones, for grep and sed, and regcomp()'s
// error words for the patterns it would refuse.

/** Translates a POSIX basic (or extended) regular expression to a JavaScript one. */
export function posixRegex(re: string, extended: boolean, flags = ''): RegExp {
  let out = '';
  for (let i = 0; i < re.length; i++) {
    const c = re[i]!;
    if (c === '\\' && i + 1 < re.length) {
      const n = re[++i]!;
      if (!extended && '(){}+?|'.includes(n)) out += n;
      else if (n === '<' || n === '>') out += '\\b';
      else if (/[0-9]/.test(n)) out += `\\${n}`;
      else if (n === 'n') out += '\\n';
      else if (n === 't') out += '\\t';
      else out += `\\${n}`;
    } else if (!extended && '(){}+?|'.includes(c)) out += `\\${c}`;
    else if (c === '[') {
      const end = re.indexOf(']', i + (re[i + 1] === '^' ? 3 : 2));
      if (end < 0) {
        out += '\\[';
        continue;
      }
      let body = re.slice(i + 1, end);
      body = body.replace(/\[:alpha:\]/g, 'A-Za-z').replace(/\[:digit:\]/g, '0-9').replace(/\[:alnum:\]/g, 'A-Za-z0-9').replace(/\[:space:\]/g, '\\s')
        .replace(/\[:upper:\]/g, 'A-Z').replace(/\[:lower:\]/g, 'a-z').replace(/\[:punct:\]/g, '!-\\/:-@\\[-`{-~');
      out += `[${body.replace(/\\/g, '\\\\').replace(/\[(?!\\)/g, '\\[')}]`;
      i = end;
    } else out += c;
  }
  try {
    return new RegExp(out, flags);
  } catch (e) {
    throw new RegexError(regerrorText(e instanceof Error ? e.message : ''));
  }
}

/** A pattern the C library's regcomp() would refuse; the message is regerror()'s (glibc posix/regcomp.c). */
export class RegexError extends Error {}

function regerrorText(jsMessage: string): string {
  if (/out of order/i.test(jsMessage)) return 'Invalid range end';
  if (/Unterminated group/i.test(jsMessage)) return 'Unmatched ( or \\(';
  if (/Unmatched '\)'/i.test(jsMessage)) return 'Unmatched ) or \\)';
  if (/Nothing to repeat|Lone quantifier/i.test(jsMessage)) return 'Invalid preceding regular expression';
  if (/\\ at end/i.test(jsMessage)) return 'Trailing backslash';
  if (/character class/i.test(jsMessage)) return 'Unmatched [, [^, [:, [., or [=';
  if (/numbers out of order|Incomplete quantifier/i.test(jsMessage)) return 'Invalid content of \\{\\}';
  return 'Invalid regular expression';
}

