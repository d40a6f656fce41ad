/** Every script a clerk or maintainer runs says how to use it, in Chinese, when asked or when given a wrong option — never a stack trace. */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const SCRIPTS = readdirSync('scripts').filter((name) => name.endsWith('.ts'));
const run = (script: string, args: string[]) => spawnSync(process.execPath, [`scripts/${script}`, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('scripts: --help and wrong options', () => {
  it.each(SCRIPTS)('%s --help prints its usage in Chinese and exits 0', (script) => {
    const result = run(script, ['--help']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/用法：.*\n[\s\S]*--help\s+显示本说明/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('an option the ingest does not know is said in Chinese with the usage (exit 2), not thrown', () => {
    const result = run('ingest.ts', ['--inptu', 'data/exports']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^命令行有不认识的选项：--inptu。用法如下：/);
    expect(result.stderr).not.toMatch(/\n\s+at |ERR_PARSE_ARGS/);
  });
});
