import { lazy, Suspense } from 'react';
import { Skeleton } from '@mantine/core';
import { ErrorBoundary } from '../../app/components.tsx';
import type { ValueChartProps } from './ValueChart.tsx';

// ECharts loads with the first chart, after the figures are on screen.
const ValueChart = lazy(() => import('./ValueChart.tsx'));

/** A chart that cannot load (e.g. its code after an update) leaves the figures around it standing. */
export function Chart(props: ValueChartProps) {
  return (
    <ErrorBoundary>
      <Suspense fallback={<Skeleton height={props.height} radius="sm" />}>
        <ValueChart {...props} />
      </Suspense>
    </ErrorBoundary>
  );
}
