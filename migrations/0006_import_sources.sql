-- The daily extraction: where files or rows come from, when, and what has been taken already.
create table import_sources (
  id bigint generated always as identity primary key,
  name text not null unique,
  kind text not null check (kind in ('folder', 'postgres', 'mysql')),
  target text not null,
  -- folder: { path, pattern }; postgres/mysql: { url, query, watermarkColumn }
  config jsonb not null,
  mapping jsonb not null,
  policy text not null default 'reject_file' check (policy in ('reject_file', 'load_valid')),
  source_system text not null,
  cron text not null,
  time_zone text not null default 'Asia/Shanghai',
  enabled boolean not null default true,
  max_retries int not null default 2,
  -- the highest watermark value loaded so far (SQL sources), as text
  watermark text,
  -- the next due time; a run missed while the server was down is caught up once at start
  next_run_at timestamptz,
  attempt int not null default 0,
  last_run_at timestamptz,
  last_status text,
  last_error text,
  created_by bigint references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index import_sources_due_idx on import_sources (next_run_at) where enabled;

alter table import_runs add column source_id bigint references import_sources (id);
create index import_runs_source_idx on import_runs (source_id, id desc);
