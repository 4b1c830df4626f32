/**
 * Normalises a BASE_PATH value ("layerlab", "/layerlab", "/layerlab/", "" …) to "/" or a path that
 * starts and ends with "/", the form Astro's `base` and every helper here expect.
 */
export function normaliseBase(raw: string | undefined): string {
  const trimmed = (raw ?? '').trim().replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/**
 * Joins the site's base path (Astro's BASE_URL, "/" or e.g. "/layerlab/") with a site-relative path.
 * Every internal link and asset goes through this so that the site works under BASE_PATH.
 */
export function joinBase(base: string, path: string): string {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const rest = path.replace(/^\/+/, '');
  return `${prefix}${rest}`;
}

/** `joinBase` with the base this build was made for. */
export function withBase(path: string): string {
  return joinBase(import.meta.env.BASE_URL, path);
}

/**
 * Whether `pathname` (a URL path of this site) is the page `target` or inside it, for aria-current.
 * Both are full paths including the base; trailing slashes are ignored.
 */
export function isCurrentSection(pathname: string, target: string, exact: boolean): boolean {
  const strip = (p: string): string => (p.length > 1 ? p.replace(/\/+$/, '') : p);
  const here = strip(pathname);
  const there = strip(target);
  if (here === there) return true;
  return !exact && here.startsWith(`${there}/`);
}
