/**
 * npm run serve -- [--dir dist] [--port 4321] [--mount /dashboards/xg/] [--host 127.0.0.1]
 * Serves the built site the way a plain static server does, and prints its address.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { serveStatic } from '../src/io/static-server.ts';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'dist' },
    port: { type: 'string', default: '4321' },
    mount: { type: 'string', default: '/' },
    host: { type: 'string', default: '127.0.0.1' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(`用法：npm run serve [-- --dir dist] [--port 4321] [--mount /dashboards/xg/]
在本机启动一个静态网站服务，查看生成的看板（--dir 为看板所在文件夹），终端中显示访问地址，按 Ctrl+C 停止。
`);
  process.exit(0);
}

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
