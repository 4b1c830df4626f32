// Number formatting as the docker CLI and BuildKit print it. Our own implementation of the rules of
// github.com/docker/go-units (HumanSize, HumanSizeWithPrecision: decimal units, %g significant digits)
// and github.com/tonistiigi/units (BuildKit progress: `%.2f` gives `123B`, `1.23kB`).

const DECIMAL = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];

/** Go's `%.<p>g` for non-negative finite numbers (shortest of %e/%f, trailing zeros removed). */
export function goG(value: number, precision: number): string {
  if (value === 0) return '0';
  const p = Math.max(1, precision);
  const [mant, expStr] = value.toExponential(p - 1).split('e');
  const exp = Number(expStr);
  const strip = (s: string): string => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (exp < -4 || exp >= p) return `${strip(mant!)}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return strip(value.toFixed(Math.max(0, p - 1 - exp)));
}

/** go-units HumanSizeWithPrecision(size, precision). */
export function humanSizeWithPrecision(size: number, precision: number): string {
  let s = size;
  let i = 0;
  while (s >= 1000 && i < DECIMAL.length - 1) {
    s /= 1000;
    i++;
  }
  return `${goG(s, precision)}${DECIMAL[i]}`;
}

/** go-units HumanSize: 4 significant digits. */
export function humanSize(size: number): string {
  return humanSizeWithPrecision(size, 4);
}

/** The 3-significant-digit sizes of `docker images`, `docker history`, `docker system df`. */
export function dockerSize(size: number): string {
  return humanSizeWithPrecision(size, 3);
}

/** BuildKit progress bytes (`%.2f` of tonistiigi/units.Bytes): `2B`, `155B`, `1.23kB`, `3.41MB`. */
export function progressBytes(n: number): string {
  if (n < 1000) return `${Math.round(n)}B`;
  let v = n;
  let i = 0;
  while (v >= 1000 && i < DECIMAL.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(2)}${DECIMAL[i]}`;
}

/** go-units HumanDuration, used for `N ago` in CREATED columns (docker adds " ago"). */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(ms / 60000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / 3600000);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(hours / 24 / 365)} years`;
}
