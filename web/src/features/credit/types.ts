/** Shapes of the credit API (server/modules/credit), as the web app reads them. */

/** One factor of the automatic score: its value, the points it gave and why, in both languages. */
export interface CreditFactorResult {
  factor: string;
  labelZh: string;
  labelEn: string;
  value: number | null;
  points: number;
  reasonZh: string;
  reasonEn: string;
}

export interface CreditScore {
  automatic: number;
  adjustment: number;
  final: number;
  explanation: CreditFactorResult[];
  computedAt: string;
}

export interface CreditHistoryEntry {
  automatic: number;
  adjustment: number;
  final: number;
  /** 'computed' (the scorecard ran) or 'adjustment' (an approved manual adjustment). */
  cause: string;
  at: string;
}

export const ADJUSTMENT_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type AdjustmentStatus = (typeof ADJUSTMENT_STATUSES)[number];

export interface CreditAdjustment {
  id: number;
  customerId: number;
  customerCode: string;
  customerName: string;
  points: number;
  reason: string;
  status: AdjustmentStatus;
  requestedBy: number;
  requestedByName: string;
  requestedAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
  /** The customer's final score now (null when not scored yet). */
  currentScore: number | null;
}

export interface CreditLimit {
  /** Exact decimal string, e.g. "100000.00". */
  amount: string;
  currency: string;
  /** The limit in yuan; null when its currency has no exchange rate. */
  amountInBase: string | null;
  setAt: string;
  setByName: string | null;
}

export interface Receivable {
  id: number;
  externalId: string;
  amount: string;
  paidAmount: string;
  currency: string;
  dueOn: string;
  paidOn: string | null;
  outstanding: string;
  daysOverdue: number;
}

export const AGEING_BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;
export type AgeingBucketKey = (typeof AGEING_BUCKETS)[number];

export interface AgeingBucket {
  bucket: string;
  receivables: number;
  outstanding: string;
}

export type AlertKind = 'over_limit' | 'overdue';

export interface CustomerCreditAlert {
  kind: AlertKind;
  daysOverdue: number | null;
  exposure: string | null;
}

/** An alert in the scope-wide list, with its customer. */
export interface CreditAlert extends CustomerCreditAlert {
  customerId: number;
  customerCode: string;
  customerName: string;
  limit: string | null;
}

export interface CustomerCredit {
  score: CreditScore | null;
  /** Newest first. */
  history: CreditHistoryEntry[];
  adjustments: CreditAdjustment[];
  limit: CreditLimit | null;
  exposure: { outstanding: string; debt: string };
  /** Currencies of his accounts or open receivables without an exchange rate: left out of the sums. */
  unpricedCurrencies: string[];
  receivables: Receivable[];
  ageing: AgeingBucket[];
  alerts: CustomerCreditAlert[];
}

export interface AdjustmentRequestBody {
  points: number;
  reason: string;
}

export interface DecisionBody {
  approve: boolean;
  comment?: string | null;
}

export interface LimitBody {
  amount: string;
  currency: string;
}

export interface ReceivableBody {
  externalId: string;
  /** Plain decimal string, e.g. "12345.60". */
  amount: string;
  currency: string;
  dueOn: string;
  paidAmount?: string;
  paidOn?: string | null;
}

export interface PaymentBody {
  amount: string;
  paidOn: string;
}

export const BUILTIN_FACTORS = ['age', 'customerYears', 'assets', 'debt', 'latePayments12m', 'overdueDays'] as const;

export interface ScorecardBin {
  /** Inclusive; null or absent for an open lower end. */
  min?: number | null;
  /** Exclusive; null or absent for an open upper end. */
  max?: number | null;
  points: number;
  reasonZh: string;
  reasonEn: string;
}

export interface ScorecardFactor {
  /** A built-in factor or 'custom.<key>' of a number custom field. */
  key: string;
  labelZh: string;
  labelEn: string;
  bins: ScorecardBin[];
  missingPoints: number;
}

export interface Scorecard {
  base: number;
  min: number;
  max: number;
  factors: ScorecardFactor[];
}

export interface CreditRecomputeResult {
  customers: number;
  changed: number;
}
