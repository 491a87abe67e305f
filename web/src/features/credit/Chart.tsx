import { lazy, Suspense } from 'react';
import { Skeleton } from '@mantine/core';
import { ErrorBoundary } from '../../app/components.tsx';
import type { CreditChartProps } from './CreditChart.tsx';

// ECharts loads with the first chart, after the figures are on screen.
const CreditChart = lazy(() => import('./CreditChart.tsx'));

/** A chart that cannot load leaves the figures around it standing. */
export function Chart(props: CreditChartProps) {
  return (
    <ErrorBoundary>
      <Suspense fallback={<Skeleton height={props.height} radius="sm" />}>
        <CreditChart {...props} />
      </Suspense>
    </ErrorBoundary>
  );
}
