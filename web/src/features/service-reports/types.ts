export const REPORT_DIMENSIONS = ['category', 'channel', 'department', 'org_unit', 'month', 'type', 'priority'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];
export const TICKET_TYPES = ['complaint', 'suggestion', 'request', 'inquiry'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface ReportQuery {
  by: ReportDimension;
  from: string;
  to: string;
  type?: TicketType;
}

export interface ReportRow {
  key: string | null;
  labelZh: string | null;
  labelEn: string | null;
  tickets: number;
  open: number;
  firstResponseMedianHours: number | null;
  firstResponseP90Hours: number | null;
  resolutionMedianHours: number | null;
  resolutionP90Hours: number | null;
  slaBreachRate: number | null;
  reopenRate: number | null;
  satisfactionAvg: number | null;
  satisfactionCount: number;
}

export interface TicketReport {
  rows: ReportRow[];
  total: ReportRow;
}

export interface ProcessSummary {
  id: number;
  key: string;
  version: number;
  nameZh: string;
  nameEn: string;
  createdAt: string;
  openCases: number;
}

export interface StageRow {
  state: string;
  visits: number;
  medianHours: number | null;
  p90Hours: number | null;
  openNow: number;
  nameZh: string;
  nameEn: string;
  stage: boolean;
  limitHours: number | null;
}

export interface StageReport {
  process: { key: string; nameZh: string; nameEn: string };
  states: StageRow[];
  cases: { id: number; reference: string; title: string; state: string; status: string; createdAt: string; totalHours: number; subjectType?: string; subjectId?: number }[];
  atRisk: { id: number; reference: string; title: string; state: string; dueAt: string | null; overdue: boolean; subjectType: string; subjectId: number }[];
}
