/**
 * Finds a Chromium or Chrome to drive headless (tests, benchmark, PDF report). Playwright's own
 * browser download is not used: the machines this runs on may have no internet.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
];

export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH ?? process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH 指向的文件不存在：${fromEnv}`);
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  throw new Error(
    '找不到 Chromium/Chrome 浏览器（测试、性能测试和 PDF 报告需要）。\n' +
      '  Debian/Ubuntu：sudo apt-get install -y chromium fonts-noto-cjk\n' +
      '  其他系统：安装 Chrome 或 Chromium 后，设置环境变量 CHROMIUM_PATH=浏览器可执行文件路径',
  );
}

/** Flags that keep Chromium from calling home: nothing may leave this machine. */
export const OFFLINE_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), headless: true, args: OFFLINE_FLAGS });
}
