import type { Holding, Transaction } from '../../lib/types.ts';

/**
 * A holding as the customer's page receives it: the account number masked (****2642) for readers
 * whose roles mask or hide the ID number, `masked` then naming it.
 */
export interface HoldingView extends Holding {
  masked: string[];
}

/** A transaction with the account number of the holding it was booked on, masked like the holding's. */
export interface TransactionView extends Transaction {
  accountNumber: string | null;
  masked: string[];
}

export interface TransactionViewPage {
  items: TransactionView[];
  nextCursor: string | null;
}

/** The transactions panel's filters: days (YYYY-MM-DD, China time, both included) and text. */
export interface TransactionFilter {
  from?: string;
  to?: string;
  q?: string;
}
