/**
 * npm run serve -- [--dir dist] [--port 4321] [--mount /dashboards/xg/] [--host 127.0.0.1]
 * Serves the built site the way a plain static server does, and prints its address.
 */
import { existsSync } from 'node:fs';
import { commandLine } from '../src/io/command-line.ts';
import { serveStatic } from '../src/io/static-server.ts';

const USAGE = `
在本机打开看板网站（与普通的静态网站服务器相同），并显示网址。

用法：npm run serve -- [选项]

  --dir 文件夹           网站所在的文件夹（默认 dist）
  --port 端口            端口号（默认 4321）
  --mount 路径           网站的路径前缀（默认 /）
  --host 地址            监听地址（默认 127.0.0.1）
  --help                 显示本说明
`;

const { values } = commandLine(USAGE, {
    dir: { type: 'string', default: 'dist' },
    port: { type: 'string', default: '4321' },
    mount: { type: 'string', default: '/' },
    host: { type: 'string', default: '127.0.0.1' },
  });

if (!existsSync(`${values.dir}/index.html`)) {
  process.stderr.write(`找不到 ${values.dir}/index.html：请先运行 npm run build。\n`);
  process.exit(2);
}
try {
  const site = await serveStatic(values.dir, { port: Number(values.port), host: values.host, mount: values.mount });
  process.stdout.write(`看板已启动：${site.url}index.html\n（按 Ctrl+C 停止）\n`);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  process.stderr.write(
    code === 'EADDRINUSE'
      ? `端口 ${values.port} 已被占用，请换一个端口：npm run serve -- --port 8080\n`
      : `无法启动服务：${(error as Error).message}\n`,
  );
  process.exit(2);
}
