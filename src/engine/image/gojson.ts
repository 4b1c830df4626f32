// JSON serialised the way Go's encoding/json.Marshal writes it, because digests are taken over
// these exact bytes: no whitespace, object keys in the order given (callers build objects in Go
// struct-field order, or sort map keys, as Go does for maps), and Go's string escaping:
// `<`, `>` and `&` become \u003c, \u003e, \u0026 (HTML-safe escaping is on by default),
// U+2028/U+2029 are escaped, control characters use \b \f \n \r \t or \u00XX (Go >= 1.22),
// and invalid UTF-16 (lone surrogates) becomes \ufffd, as Go does for invalid UTF-8.

const HEX = '0123456789abcdef';

function quote(s: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string | undefined;
    if (c < 0x20) {
      esc =
        c === 0x08 ? '\\b' : c === 0x0c ? '\\f' : c === 0x0a ? '\\n' : c === 0x0d ? '\\r' : c === 0x09 ? '\\t' : '\\u00' + HEX[c >> 4] + HEX[c & 15];
    } else if (c === 0x22) esc = '\\"';
    else if (c === 0x5c) esc = '\\\\';
    else if (c === 0x3c) esc = '\\u003c';
    else if (c === 0x3e) esc = '\\u003e';
    else if (c === 0x26) esc = '\\u0026';
    else if (c === 0x2028) esc = '\\u2028';
    else if (c === 0x2029) esc = '\\u2029';
    else if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++; // a valid pair: copy as is
        continue;
      }
      esc = '\\ufffd';
    }
    if (esc !== undefined) {
      out += s.slice(start, i) + esc;
      start = i + 1;
    }
  }
  return out + s.slice(start) + '"';
}

/** Marker for Go maps: keys are written sorted byte-wise, as Go's encoder sorts map keys. */
export function goMap<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) out[k] = record[k]!;
  return out;
}

/**
 * Serialises `value`. Object properties whose value is `undefined` are left out (omitempty is the
 * caller's decision: leave a field undefined to omit it). `null` is written as `null`.
 */
export function goJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('goJson: non-finite number');
      return Number.isInteger(value) ? value.toFixed(0) : String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(value)) return '[' + value.map(goJson).join(',') + ']';
      const parts: string[] = [];
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (v === undefined) continue;
        parts.push(quote(k) + ':' + goJson(v));
      }
      return '{' + parts.join(',') + '}';
    }
    default:
      throw new TypeError(`goJson: cannot serialise ${typeof value}`);
  }
}
