import { z } from 'zod';

// ---- responses (amounts are exact decimal strings, e.g. "5000.00"; due and paid dates are YYYY-MM-DD)
const nullableString = z.string().nullable();
const amount = z.string().describe('A decimal amount, e.g. 5000.00');
const ALERT_KINDS = ['over_limit', 'overdue'] as const;

export const CreditAdjustmentDto = z
  .object({
    id: z.number(),
    customerId: z.number(),
    customerCode: z.string(),
    customerName: z.string(),
    points: z.number(),
    reason: z.string(),
    status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']),
    requestedBy: z.number(),
    requestedByName: z.string(),
    requestedAt: z.date(),
    decidedByName: nullableString,
    decidedAt: z.date().nullable(),
    decisionComment: nullableString,
    currentScore: z.number().nullable().describe("The customer's final score now (null when not scored yet)"),
    customerDeleted: z.boolean().describe('The customer was deleted or merged into another since'),
  })
  .meta({ id: 'CreditAdjustment' });
export type CreditAdjustmentDto = z.infer<typeof CreditAdjustmentDto>;

export const AgeingBucketDto = z.object({ bucket: z.enum(['current', '1-30', '31-60', '61-90', '90+']).describe('Days past due'), receivables: z.number(), outstanding: amount });
export type AgeingBucketDto = z.infer<typeof AgeingBucketDto>;

export const CreditAlertDto = z.object({
  kind: z.enum(ALERT_KINDS),
  customerId: z.number(),
  customerCode: z.string(),
  customerName: z.string(),
  daysOverdue: z.number().nullable(),
  exposure: amount.nullable().describe('Open receivables plus loan and card balances, in yuan'),
  limit: amount.nullable().describe('The credit limit in yuan'),
});
export type CreditAlertDto = z.infer<typeof CreditAlertDto>;

const FactorResultDto = z.object({
  factor: z.string(),
  labelZh: z.string(),
  labelEn: z.string(),
  value: z.number().nullable(),
  points: z.number(),
  reasonZh: z.string(),
  reasonEn: z.string(),
});

export const CreditScoreDto = z.object({ automatic: z.number(), adjustment: z.number(), final: z.number(), explanation: z.array(FactorResultDto).describe('One entry per factor of the scorecard'), computedAt: z.date() });
export type CreditScoreDto = z.infer<typeof CreditScoreDto>;

export const CreditHistoryEntryDto = z.object({ automatic: z.number(), adjustment: z.number(), final: z.number(), cause: z.string().describe("'computed' (the scorecard ran) or 'adjustment' (an approved adjustment)"), at: z.date() });
export type CreditHistoryEntryDto = z.infer<typeof CreditHistoryEntryDto>;

export const ReceivableDto = z.object({
  id: z.number(),
  externalId: z.string(),
  amount,
  paidAmount: amount,
  currency: z.string(),
  dueOn: z.string(),
  paidOn: nullableString,
  outstanding: amount,
  daysOverdue: z.number(),
});
export type ReceivableDto = z.infer<typeof ReceivableDto>;

export const CustomerCreditDto = z.object({
  score: CreditScoreDto.nullable(),
  history: z.array(CreditHistoryEntryDto).describe('Newest first, 50 at most'),
  adjustments: z.array(CreditAdjustmentDto),
  limit: z
    .object({ amount, currency: z.string(), amountInBase: amount.nullable().describe('The limit in yuan; null when its currency has no exchange rate'), setAt: z.date(), setByName: nullableString })
    .nullable(),
  exposure: z.object({ outstanding: amount.describe('Open receivables, in yuan'), debt: amount.describe('Loan, mortgage and card balances, in yuan') }),
  unpricedCurrencies: z
    .array(z.string())
    .describe("Currencies of this customer's active accounts or open receivables that have no exchange rate: their amounts are left out of assets, debt and exposure"),
  receivables: z.array(ReceivableDto),
  ageing: z.array(AgeingBucketDto),
  alerts: z.array(CreditAlertDto.pick({ kind: true, daysOverdue: true, exposure: true })),
});

export const CreatedReceivable = z.object({ id: z.number() });
