// Version ordering for matching advisories. One comparator for the four package managers, following
// Debian's rules (epoch, then upstream version, then revision; digits compare as numbers, letters
// sort before non-letters, and `~` sorts before everything, even the end of the string). apk's
// `-rN` revisions and npm/pip dotted versions order correctly under the same rules.

function order(c: string | undefined): number {
  if (c === undefined) return 0;
  if (c === '~') return -1;
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
  return c.charCodeAt(0) + 256;
}

function comparePart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    // Non-digit run, character by character.
    while ((i < a.length && !/[0-9]/.test(a[i]!)) || (j < b.length && !/[0-9]/.test(b[j]!))) {
      const ca = i < a.length && !/[0-9]/.test(a[i]!) ? a[i] : undefined;
      const cb = j < b.length && !/[0-9]/.test(b[j]!) ? b[j] : undefined;
      const d = order(ca) - order(cb);
      if (d !== 0) return d < 0 ? -1 : 1;
      if (ca !== undefined) i++;
      if (cb !== undefined) j++;
    }
    // Digit run, as a number (leading zeros ignored).
    let na = '';
    let nb = '';
    while (i < a.length && /[0-9]/.test(a[i]!)) na += a[i++];
    while (j < b.length && /[0-9]/.test(b[j]!)) nb += b[j++];
    na = na.replace(/^0+/, '');
    nb = nb.replace(/^0+/, '');
    if (na.length !== nb.length) return na.length < nb.length ? -1 : 1;
    if (na !== nb) return na < nb ? -1 : 1;
  }
  return 0;
}

function split(v: string): [number, string, string] {
  let rest = v.trim();
  let epoch = 0;
  const colon = rest.indexOf(':');
  if (colon > 0 && /^[0-9]+$/.test(rest.slice(0, colon))) {
    epoch = Number(rest.slice(0, colon));
    rest = rest.slice(colon + 1);
  }
  const dash = rest.lastIndexOf('-');
  if (dash > 0) return [epoch, rest.slice(0, dash), rest.slice(dash + 1)];
  return [epoch, rest, ''];
}

/** Negative when a < b, 0 when equal, positive when a > b. */
export function compareVersions(a: string, b: string): number {
  const [ea, ua, ra] = split(a);
  const [eb, ub, rb] = split(b);
  if (ea !== eb) return ea < eb ? -1 : 1;
  return comparePart(ua, ub) || comparePart(ra, rb);
}
