/**
 * Every URL the site writes is relative to the page, so dist/ works copied into any folder of
 * any static server (root or /dashboards/xg/) without rebuilding.
 */

/** "./" for /index.html, "../" for /departments/x.html. */
export function relativeRoot(pathname: string): string {
  const depth = pathname.replace(/^\/+/, '').split('/').length - 1;
  return depth <= 0 ? './' : '../'.repeat(depth);
}
