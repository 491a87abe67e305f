import { lazy, Suspense } from 'react';
import { Skeleton } from '@mantine/core';
import { ErrorBoundary } from './components.tsx';
import type { SeriesChartProps } from './SeriesChart.tsx';

// ECharts loads with the first chart, after the figures are on screen.
const SeriesChart = lazy(() => import('./SeriesChart.tsx'));

/** A chart that cannot load (e.g. its code after an update) leaves the figures around it standing. */
export function Chart(props: SeriesChartProps) {
  return (
    <ErrorBoundary>
      <Suspense fallback={<Skeleton height={props.height} radius="sm" />}>
        <SeriesChart {...props} />
      </Suspense>
    </ErrorBoundary>
  );
}
