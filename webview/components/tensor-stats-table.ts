/**
 * The table of tensors with their shape, min, max, mean, standard deviation and a histogram: the builder's insight
 * panel shows a model's tensors in it, the ONNX viewer an ONNX file's initializers.
 */
import type { TensorStats } from '../../src/insight/tensor-stats';
import { fitCanvas } from '../charts/scatter';
import { readThemeColors } from '../charts/theme-colors';
import { formatNumber, h } from '../dom';

export interface TensorStatsTable {
  readonly element: HTMLTableElement;
  /** Draws the histograms: call it once the table is in the page (the canvases take their size from the layout). */
  draw(): void;
}

const label = (stat: TensorStats) => (stat.layerId === '' ? stat.name : `${stat.layerId}.${stat.name}`);

export function tensorStatsTable(stats: readonly TensorStats[]): TensorStatsTable {
  const histograms: { canvas: HTMLCanvasElement; counts: number[] }[] = [];
  const rows = stats.map((stat) => {
    const canvas = h('canvas', { className: 'histogram', attrs: { width: 120, height: 28, role: 'img', 'aria-label': `Histogram of ${label(stat)}` } });
    histograms.push({ canvas, counts: stat.histogram });
    return h('tr', {}, [
      h('th', { attrs: { scope: 'row' }, text: label(stat) }),
      h('td', { className: 'numeric', text: `[${stat.shape.join('×')}]` }),
      h('td', { className: 'numeric', text: formatNumber(stat.min) }),
      h('td', { className: 'numeric', text: formatNumber(stat.max) }),
      h('td', { className: 'numeric', text: formatNumber(stat.mean) }),
      h('td', { className: 'numeric', text: formatNumber(stat.std) }),
      h('td', {}, [canvas]),
    ]);
  });
  const element = h('table', { className: 'data-table stats-table', attrs: { id: 'stats-table' } }, [
    h('thead', {}, [h('tr', {}, ['Tensor', 'Shape', 'Min', 'Max', 'Mean', 'Std', 'Histogram'].map((title) => h('th', { attrs: { scope: 'col' }, text: title })))]),
    h('tbody', {}, rows),
  ]);
  return { element, draw: () => histograms.forEach(({ canvas, counts }) => drawHistogram(canvas, counts)) };
}

function drawHistogram(canvas: HTMLCanvasElement, counts: number[]): void {
  const { width, height, context } = fitCanvas(canvas, 120, 28);
  const colors = readThemeColors();
  const max = Math.max(1, ...counts);
  const barWidth = width / counts.length;
  context.clearRect(0, 0, width, height);
  context.fillStyle = colors.series[0];
  counts.forEach((count, i) => {
    const barHeight = (count / max) * (height - 2);
    context.fillRect(i * barWidth + 0.5, height - barHeight, Math.max(1, barWidth - 1), barHeight);
  });
}
