import { Resvg } from '@resvg/resvg-js';
import type { FaultWindow } from './figures';
import type { Sample } from './load';

/** Answers per second by what they were, stacked, in this order from the bottom. */
const SERIES = [
  { label: '2xx', color: '#2e7d32', test: (sample: Sample) => sample.status >= 200 && sample.status < 300 },
  {
    label: '4xx (expected)',
    color: '#1e88e5',
    test: (sample: Sample) => sample.status >= 400 && sample.status < 500 && !sample.problem,
  },
  { label: '503 + Retry-After', color: '#fb8c00', test: (sample: Sample) => sample.status === 503 && !sample.problem },
  { label: 'anything else', color: '#d32f2f', test: (sample: Sample) => sample.problem !== undefined },
] as const;

const WIDTH = 900;
const HEIGHT = 300;
const MARGIN = { left: 56, right: 16, top: 40, bottom: 58 };
const BUCKET_MS = 500;

/**
 * A timeline of one fault as an SVG: answers per second (by completion time, half-second
 * buckets) stacked by kind, the fault shaded. Rendered to PNG with resvg (fonts: the
 * system's DejaVu Sans or Liberation Sans when present).
 */
export function timelineSvg(window: FaultWindow, samples: readonly Sample[], subtitle: string): string {
  const from = window.chartFrom;
  const to = window.observedUntil;
  const buckets = Math.max(1, Math.ceil((to - from) / BUCKET_MS));
  const counts = SERIES.map(() => new Array<number>(buckets).fill(0));
  for (const sample of samples) {
    if (sample.end < from || sample.end >= to) continue;
    const bucket = Math.floor((sample.end - from) / BUCKET_MS);
    const series = SERIES.findIndex((entry) => entry.test(sample));
    if (series >= 0) counts[series][bucket] += 1000 / BUCKET_MS;
  }
  const totals = Array.from({ length: buckets }, (_, i) => counts.reduce((sum, series) => sum + series[i], 0));
  const yMax = niceCeiling(Math.max(10, ...totals));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (ms: number) => MARGIN.left + ((ms - from) / (to - from)) * plotWidth;
  const y = (value: number) => MARGIN.top + plotHeight - (value / yMax) * plotHeight;
  const parts: string[] = [];
  parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`);
  // The fault, shaded (at least 2 px wide when it is instantaneous).
  const faultX = x(window.start);
  parts.push(
    `<rect x="${faultX.toFixed(1)}" y="${MARGIN.top}" width="${Math.max(2, x(window.end) - faultX).toFixed(1)}" height="${plotHeight}" fill="#9e9e9e" fill-opacity="0.25"/>`,
  );
  // Horizontal grid and y labels.
  for (let i = 0; i <= 4; i++) {
    const value = (yMax / 4) * i;
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(value).toFixed(1)}" y2="${y(value).toFixed(1)}" stroke="#e0e0e0"/>`,
      `<text x="${MARGIN.left - 6}" y="${(y(value) + 4).toFixed(1)}" text-anchor="end" font-size="11">${Math.round(value)}</text>`,
    );
  }
  // Stacked bars.
  const barWidth = plotWidth / buckets;
  for (let bucket = 0; bucket < buckets; bucket++) {
    let base = 0;
    for (const [index, series] of SERIES.entries()) {
      const value = counts[index][bucket];
      if (value === 0) continue;
      parts.push(
        `<rect x="${(MARGIN.left + bucket * barWidth).toFixed(1)}" y="${y(base + value).toFixed(1)}" width="${Math.max(1, barWidth - 1).toFixed(1)}" height="${(y(base) - y(base + value)).toFixed(1)}" fill="${series.color}"/>`,
      );
      base += value;
    }
  }
  // X axis: seconds from the start of the fault.
  const first = Math.ceil((from - window.start) / 5000) * 5;
  for (let second = first; window.start + second * 1000 <= to; second += 5) {
    const px = x(window.start + second * 1000);
    parts.push(
      `<line x1="${px.toFixed(1)}" x2="${px.toFixed(1)}" y1="${MARGIN.top + plotHeight}" y2="${MARGIN.top + plotHeight + 4}" stroke="#616161"/>`,
      `<text x="${px.toFixed(1)}" y="${MARGIN.top + plotHeight + 17}" text-anchor="middle" font-size="11">${second}</text>`,
    );
  }
  parts.push(
    `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${MARGIN.top + plotHeight}" y2="${MARGIN.top + plotHeight}" stroke="#616161"/>`,
    `<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 26}" text-anchor="middle" font-size="11">seconds from the start of the fault (shaded)</text>`,
    `<text x="14" y="${MARGIN.top + plotHeight / 2}" text-anchor="middle" font-size="11" transform="rotate(-90 14 ${MARGIN.top + plotHeight / 2})">answers/s</text>`,
    `<text x="${MARGIN.left}" y="18" font-size="14" font-weight="bold">${escape(`${window.mode}: ${window.title}`)}</text>`,
    `<text x="${MARGIN.left}" y="33" font-size="11" fill="#424242">${escape(subtitle)}</text>`,
  );
  // Legend.
  let legendX = MARGIN.left;
  for (const series of SERIES) {
    parts.push(
      `<rect x="${legendX}" y="${HEIGHT - 14}" width="10" height="10" fill="${series.color}"/>`,
      `<text x="${legendX + 14}" y="${HEIGHT - 5}" font-size="11">${escape(series.label)}</text>`,
    );
    legendX += 28 + series.label.length * 6.5;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="DejaVu Sans, Liberation Sans, sans-serif">${parts.join('')}</svg>`;
}

export function renderPng(svg: string): Buffer {
  const resvg = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } });
  return Buffer.from(resvg.render().asPng());
}

function niceCeiling(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

function escape(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
}
