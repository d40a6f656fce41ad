/**
 * Chart and table downloads in real headless Chromium: a real Observable Plot chart (a <figure>
 * with a colour legend, Chinese labels) to a standalone SVG and a 2× PNG, and the download
 * buttons driven from the keyboard to files on disk. The modules are bundled with esbuild (Vite's
 * own) and served by the project's static server; nothing is requested from another host.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../src/io/chromium.ts';
import { serveStatic, type StaticServer } from '../../src/io/static-server.ts';

const ENTRY = `
import * as Plot from '@observablehq/plot';
export { Plot };
export * from './src/downloads/chart-image.ts';
export * from './src/downloads/buttons.ts';
`;

const PAGE = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>下载测试</title>
<body style="color:#eee;background:#222"><div id="chart"></div><div id="buttons"></div>
<script src="downloads.js"></script>
<script>
  const data = [
    { department: '机电工程系', value: 180, status: '达标' },
    { department: '信息工程系', value: 260, status: '未达标' },
    { department: '经济管理系', value: 150, status: '达标' },
  ];
  const figure = D.Plot.plot({
    width: 480, height: 200, marginLeft: 90,
    color: { domain: ['达标', '未达标'], range: ['#4a7f5c', '#b8322a'], legend: true },
    y: { label: null }, x: { label: '每名辅导员对应在校生人数 →' },
    marks: [D.Plot.barX(data, { y: 'department', x: 'value', fill: 'status' })],
  });
  figure.setAttribute('aria-label', '各系部师生比');
  document.getElementById('chart').append(figure);
  const table = {
    title: '各系部辅导员配比 2025/2026',
    columns: [{ key: 'department', label: '系部' }, { key: 'value', label: '师生比' }, { key: 'status', label: '是否达标' }],
    rows: data,
  };
  document.getElementById('buttons').innerHTML = D.downloadButtonsHtml('staffing', ['csv', 'xlsx', 'svg', 'png'], '各系部辅导员配比');
  D.wireDownloads(document, (id) => (id === 'staffing' ? table : undefined), (id) => (id === 'staffing' ? figure : undefined));
</script>`;

let dir: string;
let server: StaticServer;
let browser: Browser;
let page: Page;
const foreign: string[] = [];

/** The bundle's global in the page, for page.evaluate callbacks. */
type Bundle = typeof import('../../src/downloads/chart-image.ts') & typeof import('../../src/downloads/buttons.ts');
type PageWindow = Window & { D: Bundle };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'downloads-browser-'));
  const bundle = await build({
    stdin: { contents: ENTRY, resolveDir: process.cwd(), sourcefile: 'entry.ts', loader: 'ts' },
    bundle: true,
    format: 'iife',
    globalName: 'D',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  await writeFile(join(dir, 'downloads.js'), bundle.outputFiles[0]!.contents);
  await writeFile(join(dir, 'index.html'), PAGE);
  server = await serveStatic(dir);
  browser = await launchChromium();
  const context = await browser.newContext({ acceptDownloads: true });
  page = await context.newPage();
  page.on('request', (r) => {
    if (!r.url().startsWith(server.url) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}index.html`);
  expect(errors).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('chart → SVG file', () => {
  it('is a standalone SVG of the chart (not a legend swatch): size, Chinese font stack, white background', async () => {
    const result = await page.evaluate(() => {
      const { D } = window as unknown as PageWindow;
      const markup = D.svgMarkup(document.querySelector('#chart figure')!);
      const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
      const root = doc.documentElement;
      const first = root.firstElementChild;
      const second = first?.nextElementSibling;
      return {
        head: markup.slice(0, markup.indexOf('>', markup.indexOf('<svg')) + 1),
        parseError: doc.querySelector('parsererror')?.textContent ?? null,
        ns: root.namespaceURI,
        width: root.getAttribute('width'),
        height: root.getAttribute('height'),
        viewBox: root.getAttribute('viewBox'),
        first: first?.localName,
        style: first?.textContent ?? '',
        second: second?.localName,
        secondFill: second?.getAttribute('fill'),
        texts: [...root.querySelectorAll('text')].map((t) => t.textContent),
      };
    });
    expect(result.parseError).toBeNull();
    expect(result.head).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(result.ns).toBe('http://www.w3.org/2000/svg');
    expect([result.width, result.height, result.viewBox]).toEqual(['480', '200', '0 0 480 200']);
    expect(result.first).toBe('style');
    expect(result.style).toContain('"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif');
    expect([result.second, result.secondFill]).toEqual(['rect', '#fff']);
    expect(result.texts).toEqual(expect.arrayContaining(['机电工程系', '信息工程系']));
  });
});

describe('chart → PNG', () => {
  it('is a PNG at twice the chart size, with the bars and labels drawn on white', async () => {
    const result = await page.evaluate(async () => {
      const { D } = window as unknown as PageWindow;
      const blob = await D.svgToPngBlob(document.querySelector('#chart figure')!);
      const bytes = new Uint8Array(await blob.arrayBuffer());
      const bitmap = await createImageBitmap(blob);
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const px = (x: number, y: number) => [...ctx.getImageData(x, y, 1, 1).data];
      const region = (x: number, y: number, w: number, h: number) => {
        const d = ctx.getImageData(x, y, w, h).data;
        let dark = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i]! < 128 && d[i + 1]! < 128 && d[i + 2]! < 128) dark++;
        return dark;
      };
      return {
        type: blob.type,
        head: [...bytes.slice(0, 8)],
        ihdrWidth: new DataView(bytes.buffer).getUint32(16),
        ihdrHeight: new DataView(bytes.buffer).getUint32(20),
        corner: px(2, 2),
        // y-axis labels (机电工程系 …) sit in the left margin, 0–90 px at 1×.
        labelInk: region(0, 0, 170, 400),
        // Plot puts the 达标 bars in #4a7f5c; look for one near the middle of the plot area.
        greenBar: (() => {
          const d = ctx.getImageData(190, 0, 300, 400).data;
          for (let i = 0; i < d.length; i += 4) if (d[i] === 0x4a && d[i + 1] === 0x7f && d[i + 2] === 0x5c) return true;
          return false;
        })(),
      };
    });
    expect(result.type).toBe('image/png');
    expect(result.head).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect([result.ihdrWidth, result.ihdrHeight]).toEqual([960, 400]);
    expect(result.corner).toEqual([255, 255, 255, 255]);
    // The page text is light on dark; the file must still have dark labels on white.
    expect(result.labelInk).toBeGreaterThan(200);
    expect(result.greenBar).toBe(true);
  });
});

describe('download buttons from the keyboard', () => {
  async function press(kind: string, key: 'Enter' | 'Space') {
    await page.focus(`button[data-download="${kind}"]`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press(key)]);
    return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!) };
  }

  it('Enter on 下载 CSV saves a UTF-8-with-BOM CSV named after the table', async () => {
    const { name, bytes } = await press('csv', 'Enter');
    expect(name).toBe('各系部辅导员配比 2025_2026.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe('系部,师生比,是否达标\r\n机电工程系,180,达标\r\n信息工程系,260,未达标\r\n经济管理系,150,达标\r\n');
  });

  it('Space on 下载 Excel saves an .xlsx that reads back', async () => {
    const { name, bytes } = await press('xlsx', 'Space');
    expect(name).toBe('各系部辅导员配比 2025_2026.xlsx');
    expect(await readSheet(bytes)).toEqual([['系部', '师生比', '是否达标'], ['机电工程系', 180, '达标'], ['信息工程系', 260, '未达标'], ['经济管理系', 150, '达标']]);
  });

  it('Enter on 下载 SVG and 下载 PNG saves the chart under its button title', async () => {
    const svg = await press('svg', 'Enter');
    expect(svg.name).toBe('各系部辅导员配比.svg');
    expect(svg.bytes.toString('utf8')).toContain('机电工程系');
    const png = await press('png', 'Enter');
    expect(png.name).toBe('各系部辅导员配比.png');
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.bytes.readUInt32BE(16)).toBe(960);
  });

  it('requested nothing from another host', () => {
    expect(foreign).toEqual([]);
  });
});
