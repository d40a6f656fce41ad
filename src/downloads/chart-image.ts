/**
 * A chart on the page as a file of its own: SVG markup that renders the same when opened alone
 * (fonts for Chinese, white background, explicit size), and a PNG drawn from that markup.
 * Browser only. Nothing external is referenced, so the canvas is never tainted.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

export const CHART_FONT_STACK = '"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif';

interface Size {
  width: number;
  height: number;
}

function isSvg(el: Element): el is SVGSVGElement {
  return el.localName === 'svg' && el.namespaceURI === SVG_NS;
}

function lengthAttr(el: Element, name: string): number | undefined {
  const raw = el.getAttribute(name);
  if (raw == null || !/^\s*[\d.]+\s*(px)?\s*$/.test(raw)) return undefined; // not "100%", "auto", "20em"
  const n = Number.parseFloat(raw);
  return n > 0 ? n : undefined;
}

function viewBoxOf(el: Element): [number, number, number, number] | undefined {
  const parts = (el.getAttribute('viewBox') ?? '').trim().split(/[\s,]+/).map(Number);
  return parts.length === 4 && parts.every(Number.isFinite) && parts[2]! > 0 && parts[3]! > 0
    ? (parts as [number, number, number, number])
    : undefined;
}

/** The size the chart was drawn at: width/height attributes, else the viewBox, else the layout box. */
export function svgSize(svg: Element): Size {
  const vb = viewBoxOf(svg);
  let width = lengthAttr(svg, 'width');
  let height = lengthAttr(svg, 'height');
  if (width != null && height == null && vb) height = (width * vb[3]) / vb[2];
  if (height != null && width == null && vb) width = (height * vb[2]) / vb[3];
  if (width == null || height == null) {
    const box = svg.getBoundingClientRect();
    width ??= vb?.[2] ?? box.width;
    height ??= vb?.[3] ?? box.height;
  }
  return { width: Math.max(1, Math.round(width)), height: Math.max(1, Math.round(height)) };
}

/**
 * The chart's own <svg>: the element itself, or — for a Plot <figure> with a legend, or any
 * wrapper — the largest outermost <svg> inside it (legend swatches are small svgs).
 */
export function mainSvg(el: Element): SVGSVGElement {
  if (isSvg(el)) return el;
  let best: SVGSVGElement | undefined;
  let bestArea = -1;
  for (const candidate of el.querySelectorAll('svg')) {
    if (!isSvg(candidate) || candidate.parentElement?.closest('svg')) continue; // nested svgs belong to their parent
    const { width, height } = svgSize(candidate);
    if (width * height > bestArea) {
      best = candidate;
      bestArea = width * height;
    }
  }
  if (!best) throw new Error('图表中没有可下载的 SVG 图像');
  return best;
}

/** A Plot figure's colour legend as [colour, label] pairs (its swatches are HTML beside the chart's <svg>). */
function legendOf(el: Element): Array<[string, string]> {
  return [...el.querySelectorAll('[class*="-swatch"]:not([class*="-swatches"])')]
    .map((s) => [s.querySelector('svg')?.getAttribute('fill') ?? '', (s.textContent ?? '').trim()] as [string, string])
    .filter(([color, label]) => color && label);
}

const HEADER = 36;
const LEGEND = 22;

/**
 * Puts a title (and the figure's legend, which is not part of its <svg>) above the chart, so a
 * file on its own says what it shows: the drawing moves down, the canvas grows.
 */
function addHeader(svg: SVGSVGElement, title: string, legend: ReadonlyArray<[string, string]>, width: number, height: number): { width: number; height: number } {
  const doc = svg.ownerDocument;
  const vb = viewBoxOf(svg) ?? [0, 0, width, height];
  const extra = HEADER + (legend.length ? LEGEND : 0);
  const body = doc.createElementNS(SVG_NS, 'g');
  body.setAttribute('transform', `translate(0,${extra})`);
  while (svg.firstChild) body.appendChild(svg.firstChild);
  const text = (x: number, y: number, content: string, size: number, bold = false) => {
    const t = doc.createElementNS(SVG_NS, 'text');
    t.setAttribute('x', String(x));
    t.setAttribute('y', String(y));
    t.setAttribute('font-size', String(size));
    t.setAttribute('fill', '#1a1a1a');
    t.setAttribute('text-anchor', 'start');
    if (bold) t.setAttribute('font-weight', 'bold');
    t.textContent = content;
    return t;
  };
  svg.appendChild(text(vb[0] + 12, vb[1] + 24, title, 16, true));
  let x = vb[0] + 12;
  for (const [color, label] of legend) {
    const swatch = doc.createElementNS(SVG_NS, 'rect');
    for (const [k, v] of [['x', x], ['y', vb[1] + HEADER + 3], ['width', 12], ['height', 12], ['fill', color]] as const) swatch.setAttribute(k, String(v));
    svg.appendChild(swatch);
    svg.appendChild(text(x + 16, vb[1] + HEADER + 14, label, 12));
    x += 16 + label.length * 12 + 18;
  }
  svg.appendChild(body);
  svg.setAttribute('viewBox', `${vb[0]} ${vb[1]} ${vb[2]} ${vb[3] + extra}`);
  const scaled = Math.round(height + (extra * height) / vb[3]);
  return { width, height: scaled };
}

/**
 * Standalone SVG file text for the chart in `el` (an <svg>, or an element containing one); with a
 * title, the title and the figure's legend are drawn above the chart.
 */
export function svgMarkup(el: Element, title?: string): string {
  const source = mainSvg(el);
  const drawn = svgSize(source);
  const svg = source.cloneNode(true) as SVGSVGElement;
  if (!svg.hasAttribute('viewBox')) svg.setAttribute('viewBox', `0 0 ${drawn.width} ${drawn.height}`);
  const { width, height } = title ? addHeader(svg, title, legendOf(el), drawn.width, drawn.height) : drawn;
  svg.setAttributeNS(XMLNS_NS, 'xmlns', SVG_NS);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  if (!svg.hasAttribute('viewBox')) svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  // Page CSS (max-width:100%, height:auto) must not resize the file when it is opened alone.
  svg.style.setProperty('width', `${width}px`);
  svg.style.setProperty('height', `${height}px`);
  svg.style.setProperty('max-width', 'none');

  const doc = svg.ownerDocument;
  const style = doc.createElementNS(SVG_NS, 'style');
  // The page's stylesheet is not in the file: give it the Chinese font stack and dark ink on white
  // (Plot draws axes in currentColor and tips with --plot-background).
  style.textContent =
    `svg{font-family:${CHART_FONT_STACK};color:#1a1a1a;background:#fff;--plot-background:#fff}` +
    `text,tspan{white-space:pre}`;
  const background = doc.createElementNS(SVG_NS, 'rect');
  const vb = viewBoxOf(svg) ?? [0, 0, width, height];
  background.setAttribute('x', String(vb[0]));
  background.setAttribute('y', String(vb[1]));
  background.setAttribute('width', String(vb[2]));
  background.setAttribute('height', String(vb[3]));
  background.setAttribute('fill', '#fff');
  svg.insertBefore(background, svg.firstChild);
  svg.insertBefore(style, background);

  const text = new XMLSerializer().serializeToString(svg);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${text}\n`;
}

export function svgBlob(el: Element, title?: string): Blob {
  return new Blob([svgMarkup(el, title)], { type: 'image/svg+xml;charset=utf-8' });
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('图表图像无法载入'));
    img.src = url;
  });
}

/** The chart drawn on a canvas at `scale` × its size (2 = sharp on high-DPI screens and in print). */
export async function svgToPngBlob(el: Element, scale = 2, title?: string): Promise<Blob> {
  const markup = svgMarkup(el, title);
  const root = new DOMParser().parseFromString(markup, 'image/svg+xml').documentElement;
  const width = Number(root.getAttribute('width'));
  const height = Number(root.getAttribute('height'));
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = await loadImage(url);
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('浏览器不支持 canvas 绘图');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG 生成失败'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
