// Size and duration formatting as the docker CLI and BuildKit print them (github.com/docker/go-units,
// tonistiigi/units for BuildKit progress, Go's fmt %g and time.Duration.String). Our own implementation
// of the same rules; the shell and the registry's renderers share it.

const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];

/** Go's `%.{precision}g`: shortest of %e/%f at `precision` significant digits, trailing zeros removed. */
export function formatG(value: number, precision: number): string {
  if (value === 0) return '0';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN';
  const p = Math.max(1, precision);
  const exp = Number(value.toExponential(p - 1).split('e')[1]);
  if (exp < -4 || exp >= p) {
    const [mantissa, e] = value.toExponential(p - 1).split('e');
    const m = stripZeros(mantissa!);
    const n = Number(e);
    const sign = n < 0 ? '-' : '+';
    const digits = String(Math.abs(n)).padStart(2, '0');
    return `${m}e${sign}${digits}`;
  }
  return stripZeros(value.toFixed(Math.max(0, p - 1 - exp)));
}

function stripZeros(s: string): string {
  if (!s.includes('.')) return s;
  return s.replace(/0+$/, '').replace(/\.$/, '');
}

/** go-units `HumanSizeWithPrecision`: decimal (base 1000) units, `precision` significant digits. */
export function humanSizeWithPrecision(bytes: number, precision: number): string {
  let size = bytes;
  let i = 0;
  while (size >= 1000 && i < DECIMAL_UNITS.length - 1) {
    size /= 1000;
    i++;
  }
  return `${formatG(size, precision)}${DECIMAL_UNITS[i]}`;
}

/** go-units `HumanSize`: 4 significant digits (progress figures, system df shared/unique, reclaimed space). */
export function humanSize(bytes: number): string {
  return humanSizeWithPrecision(bytes, 4);
}

/** The 3-significant-digit size used by `docker images`, `docker history` and `system df` SIZE. */
export function dockerSize(bytes: number): string {
  return humanSizeWithPrecision(bytes, 3);
}

/** BuildKit progress bytes (`%.2f` of tonistiigi/units.Bytes): `2B`, `155B`, `1.23kB`, `3.41MB`. */
export function progressBytes(n: number): string {
  if (n < 1000) return `${Math.round(n)}B`;
  let v = n;
  let i = 0;
  while (v >= 1000 && i < DECIMAL_UNITS.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(2)}${DECIMAL_UNITS[i]}`;
}

/** Go's `time.Duration.String()` for a whole number of milliseconds (e.g. `1m2.5s`, `300ms`, `0s`). */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let rest = Math.abs(ms);
  let out: string;
  if (rest < 1000) out = `${trimFloat(rest)}ms`;
  else {
    const h = Math.floor(rest / 3_600_000);
    rest -= h * 3_600_000;
    const m = Math.floor(rest / 60_000);
    rest -= m * 60_000;
    const s = `${trimFloat(rest / 1000)}s`;
    out = h > 0 ? `${h}h${m}m${s}` : m > 0 ? `${m}m${s}` : s;
  }
  return neg ? `-${out}` : out;
}

function trimFloat(n: number): string {
  return stripZeros(n.toFixed(3));
}

/**
 * go-units `HumanDuration`, which `docker ps` (`Up 5 minutes`) and `CREATED` columns (`2 hours ago`) use.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / 3_600_000);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(hours / 24 / 365)} years`;
}

/** `stringid.TruncateID`: drop the algorithm prefix, keep the first 12 hex characters. */
export function shortId(digest: string): string {
  const i = digest.indexOf(':');
  return (i >= 0 ? digest.slice(i + 1) : digest).slice(0, 12);
}
