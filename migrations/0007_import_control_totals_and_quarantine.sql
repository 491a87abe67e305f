-- Control totals a business system sends with its file (a row count, an amount sum), and what the
-- run found: a run whose totals do not match loads nothing and is recorded as failed.
alter table import_runs
  add column control_rows int,
  add column control_amount_sum numeric,
  -- the sum of the amount column as read (transactions: amount, holdings: balance)
  add column amount_sum numeric,
  -- null: no control totals given; false: they did not match (the run failed)
  add column control_matched boolean;

-- Quarantined rows loaded later ("reprocess"): by which run.
alter table import_quarantine
  add column resolved_run_id bigint references import_runs (id) on delete set null;
create index import_quarantine_run_idx on import_quarantine (run_id, id);
create index import_quarantine_open_id_idx on import_quarantine (id) where resolved_at is null;
