import { useEffect, useRef } from 'react';
import { init, use, type ComposeOption, type ECElementEvent, type EChartsType } from 'echarts/core';
import { BarChart, PieChart, type BarSeriesOption, type PieSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the dashboard draws, so the chart code stays small.
use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  BarSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;
export type ChartClick = Pick<ECElementEvent, 'seriesIndex' | 'seriesName' | 'dataIndex' | 'name' | 'value'>;

export interface EChartProps {
  option: ChartOption;
  /** CSS height; the width follows the container. */
  height: number | string;
  /** What the chart shows, for screen readers (the canvas itself says nothing). */
  label: string;
  onClick?: (event: ChartClick) => void;
  'data-testid'?: string;
}

/**
 * One ECharts instance in a box: redrawn when the option changes, resized with its container,
 * disposed on unmount.
 */
export default function EChart({ option, height, label, onClick, 'data-testid': testId }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const clickHandler = useRef(onClick);
  useEffect(() => {
    clickHandler.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = init(element, null, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (event) => clickHandler.current?.(event as ECElementEvent));
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
