import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { init, use, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/*
 * The console's charts: echarts, bundled with the page, drawn on a canvas.
 * No tooltip: echarts writes it as HTML markup laid out by style attributes,
 * which the pages' policy refuses; the legend and the axes say what each bar
 * is, and the figures beside each chart and its text alternative give the
 * numbers.
 */
use([BarChart, GridComponent, LegendComponent, CanvasRenderer]);

/** One series of a chart: its name as shown and a value per day. */
export interface ChartSeries {
  name: string;
  values: number[];
}

const live = new Set<EChartsType>();
window.addEventListener('resize', () => live.forEach((chart) => chart.resize()));

/** Draws bars per day in `container`, stacked when the series are parts of one whole; returns how to free it. */
export function dailyBars(container: HTMLElement, days: readonly string[], series: readonly ChartSeries[], stacked: boolean): () => void {
  const chart = init(container, undefined, { renderer: 'canvas' });
  chart.setOption({
    animation: false,
    grid: { left: 48, right: 16, top: 16, bottom: 72 },
    legend: { type: 'scroll', bottom: 0, left: 0, right: 0 },
    xAxis: { type: 'category', data: days.map((day) => day.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({ type: 'bar', ...(stacked ? { stack: 'all' } : {}), name: s.name, data: s.values, barMaxWidth: 40 })),
  });
  live.add(chart);
  return () => {
    live.delete(chart);
    chart.dispose();
  };
}
