/**
 * A plain static file server, like the intranet nginx/IIS or `python3 -m http.server` the site
 * will live on: no compression, no charset on text types, files under an optional mount path
 * (e.g. /dashboards/xg/). Used to serve the demo, by the end-to-end tests and by the benchmark.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

/** MIME types as a stock server maps them; .wasm must be application/wasm for streaming compile. */
export const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.parquet': 'application/vnd.apache.parquet',
  '.csv': 'text/csv',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.pdf': 'application/pdf',
};

export interface StaticServer {
  server: Server;
  /** Full URL of the mounted folder, ending in "/". */
  url: string;
  /** Every request answered with 4xx, as "status path" (tests expect none). */
  failures: string[];
  close(): Promise<void>;
}

export async function serveStatic(dir: string, options: { port?: number; host?: string; mount?: string } = {}): Promise<StaticServer> {
  const root = resolve(dir);
  const mount = ('/' + (options.mount ?? '').replace(/^\/+|\/+$/g, '') + '/').replace('//', '/');
  const failures: string[] = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const refuse = (status: number) => {
      failures.push(`${status} ${path}`);
      res.writeHead(status).end(status === 403 ? 'Forbidden' : 'Not Found');
    };
    if (!path.startsWith(mount)) return refuse(404);
    let file = normalize(join(root, path.slice(mount.length)));
    if (file !== root && !file.startsWith(root + sep)) return refuse(403);
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file);
      }
      res.writeHead(200, {
        'Content-Type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': info.size,
      });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    } catch {
      refuse(404);
    }
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, ok);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    server,
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}${mount}`,
    failures,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
