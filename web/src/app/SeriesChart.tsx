import { useEffect, useRef } from 'react';
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import { GridComponent, TooltipComponent, type GridComponentOption, type TooltipComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Bars and lines over time (value, credit); the dashboard's bars and pies have their own EChart.
use([BarChart, LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

export type SeriesChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption>;

export interface SeriesChartProps {
  option: SeriesChartOption;
  height: number;
  /** What the chart shows, for screen readers (the canvas says nothing). */
  label: string;
  'data-testid'?: string;
}

/** One ECharts instance: redrawn when the option changes, resized with its box, disposed on unmount. */
export default function SeriesChart({ option, height, label, 'data-testid': testId }: SeriesChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = init(element, null, { renderer: 'canvas' });
    chart.current = instance;
    let frame = 0;
    // Resizing in the next frame keeps the observer from reporting a resize loop.
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (!instance.isDisposed()) instance.resize();
      });
    });
    observer.observe(element);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height, minWidth: 0 }} />;
}
