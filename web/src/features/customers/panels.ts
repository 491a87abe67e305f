import type { ComponentType } from 'react';
import type { TranslationKey } from '../../app/modules.ts';
import type { Customer } from '../../lib/types.ts';

export interface CustomerPanelProps {
  customer: Customer;
}

/**
 * A block of the customer 360 page. Modules contribute panels (tags, scores, tickets, points…)
 * by calling registerCustomerPanel from their module file; the page renders whatever is registered.
 */
export interface CustomerPanel {
  id: string;
  title: TranslationKey;
  /** 'main' is the wide column, 'side' the narrow one (both stack on small screens). */
  area: 'main' | 'side';
  /** Lower comes first within its area. */
  order: number;
  /** Shown only to users with this permission. */
  permission?: string;
  /** Usually React.lazy(() => import(…)), so a panel's code loads with the page that shows it. */
  component: ComponentType<CustomerPanelProps>;
}

const panels = new Map<string, CustomerPanel>();

export function registerCustomerPanel(panel: CustomerPanel): void {
  panels.set(panel.id, panel);
}

export function customerPanels(area: CustomerPanel['area'], can: (permission?: string) => boolean): CustomerPanel[] {
  return [...panels.values()].filter((panel) => panel.area === area && can(panel.permission)).sort((a, b) => a.order - b.order);
}
