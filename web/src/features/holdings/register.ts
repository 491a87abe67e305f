import { lazy } from 'react';
import { registerCustomerPanel } from '../customers/panels.ts';

const panel = (name: 'HoldingsPanel' | 'TransactionsPanel') => lazy(() => import('./HoldingsPanels.tsx').then((m) => ({ default: m[name] })));

registerCustomerPanel({ id: 'holdings', title: 'holdings.title', area: 'main', order: 15, component: panel('HoldingsPanel') });
registerCustomerPanel({ id: 'transactions', title: 'holdings.transactions.title', area: 'main', order: 16, component: panel('TransactionsPanel') });
