import ExcelJS from 'exceljs';
import type { Db } from '#platform/db/db.ts';
import { scopeCondition, type Actor } from '#platform/auth/actor.ts';
import { t as translate, type Locale } from '#platform/i18n/index.ts';

export const REPORT_DIMENSIONS = ['category', 'channel', 'department', 'org_unit', 'month', 'type', 'priority'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

export interface ReportFilter {
  by: ReportDimension;
  from: string;
  to: string;
  type?: string;
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
  /** Of the tickets resolved, or still open past their deadline: the share that missed it. */
  slaBreachRate: number | null;
  reopenRate: number | null;
  satisfactionAvg: number | null;
  satisfactionCount: number;
}

const GROUPS: Record<ReportDimension, { key: string; zh: string; en: string; join: string }> = {
  category: { key: `coalesce(root.code, '-')`, zh: 'root.name_zh', en: 'root.name_en', join: `left join ticket_categories cat on cat.id = t.category_id left join ticket_categories root on root.id = coalesce(cat.parent_id, cat.id)` },
  channel: { key: 't.channel', zh: 'null', en: 'null', join: '' },
  type: { key: 't.type', zh: 'null', en: 'null', join: '' },
  priority: { key: 't.priority', zh: 'null', en: 'null', join: '' },
  department: { key: `coalesce(dep.id::text, '-')`, zh: 'dep.name_zh', en: 'coalesce(dep.name_en, dep.name_zh)', join: 'left join org_units dep on dep.id = t.department_id' },
  org_unit: { key: 'ou.id::text', zh: 'ou.name_zh', en: 'coalesce(ou.name_en, ou.name_zh)', join: 'join org_units ou on ou.id = cu.org_unit_id' },
  month: { key: `to_char(t.created_at at time zone 'Asia/Shanghai', 'YYYY-MM')`, zh: 'null', en: 'null', join: '' },
};

const hours = (from: string, to: string) => `extract(epoch from ${to} - ${from}) / 3600`;
const pct = (p: number, expr: string) => `round((percentile_cont(${p}) within group (order by ${expr}))::numeric, 1)::float8`;

/**
 * Complaint analysis: tickets taken in a period, grouped by one dimension, with times to first
 * response and to resolution (median, p90), SLA breach and reopen rates, and satisfaction.
 */
export async function ticketReport(db: Db, actor: Actor, filter: ReportFilter): Promise<{ rows: ReportRow[]; total: ReportRow }> {
  const params: unknown[] = [filter.from, filter.to];
  const where = [`t.created_at >= $1::date`, `t.created_at < $2::date + 1`, scopeCondition(actor.scope, 'cu', params)];
  if (filter.type) where.push(`t.type = $${params.push(filter.type)}`);
  const g = GROUPS[filter.by];
  const measures = `count(*)::int as tickets,
      count(*) filter (where t.closed_at is null)::int as open,
      ${pct(0.5, hours('t.created_at', 't.first_response_at'))} as "firstResponseMedianHours",
      ${pct(0.9, hours('t.created_at', 't.first_response_at'))} as "firstResponseP90Hours",
      ${pct(0.5, hours('t.created_at', 't.resolved_at'))} as "resolutionMedianHours",
      ${pct(0.9, hours('t.created_at', 't.resolved_at'))} as "resolutionP90Hours",
      round(avg(case when t.resolved_at is not null then (t.resolved_at > t.sla_due_at)::int when now() > t.sla_due_at then 1 end)::numeric, 3)::float8 as "slaBreachRate",
      round(avg((t.reopen_count > 0)::int)::numeric, 3)::float8 as "reopenRate",
      round(avg(t.satisfaction)::numeric, 2)::float8 as "satisfactionAvg",
      count(t.satisfaction)::int as "satisfactionCount"`;
  const from = `tickets t join customers cu on cu.id = t.customer_id ${g.join}`;
  const rows = await db.query<ReportRow>(
    `select ${g.key} as key, min(${g.zh}) as "labelZh", min(${g.en}) as "labelEn", ${measures}
       from ${from} where ${where.join(' and ')} group by ${g.key} order by tickets desc, key limit 500`,
    params,
  );
  const [total] = await db.query<ReportRow>(`select null as key, null as "labelZh", null as "labelEn", ${measures} from ${from} where ${where.join(' and ')}`, params);
  return { rows, total: total! };
}

/** The report as an Excel workbook, headed in the reader's language. */
export async function ticketReportWorkbook(report: { rows: ReportRow[]; total: ReportRow }, filter: ReportFilter, locale: Locale, labelOf: (row: ReportRow) => string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(translate(locale, 'ticket.report.sheet'));
  const h = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  sheet.addRow([`${h('ticket.report.period')}: ${filter.from} – ${filter.to}`]);
  sheet.addRow([
    h(`ticket.report.by.${filter.by}` as Parameters<typeof translate>[1]),
    h('ticket.report.tickets'),
    h('ticket.report.open'),
    h('ticket.report.first_response_median'),
    h('ticket.report.first_response_p90'),
    h('ticket.report.resolution_median'),
    h('ticket.report.resolution_p90'),
    h('ticket.report.sla_breach_rate'),
    h('ticket.report.reopen_rate'),
    h('ticket.report.satisfaction'),
  ]).font = { bold: true };
  const line = (r: ReportRow, label: string) =>
    sheet.addRow([label, r.tickets, r.open, r.firstResponseMedianHours, r.firstResponseP90Hours, r.resolutionMedianHours, r.resolutionP90Hours, r.slaBreachRate, r.reopenRate, r.satisfactionAvg]);
  for (const r of report.rows) line(r, labelOf(r));
  line(report.total, h('ticket.report.total')).font = { bold: true };
  sheet.getColumn(1).width = 28;
  for (const col of [8, 9]) sheet.getColumn(col).numFmt = '0.0%';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
