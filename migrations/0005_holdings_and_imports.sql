-- What customers hold and do (from the business systems), and the imports that bring it in.

-- A customer's id in another system (core banking, billing, card system …): imports match on it.
create table customer_external_ids (
  source_system text not null,
  external_id text not null,
  customer_id bigint not null references customers (id),
  created_at timestamptz not null default now(),
  primary key (source_system, external_id)
);
create index customer_external_ids_customer_idx on customer_external_ids (customer_id);

-- Accounts, products and contracts a customer holds. Money is numeric with an explicit currency.
create table holdings (
  id bigint generated always as identity primary key,
  customer_id bigint not null references customers (id),
  source_system text not null default 'manual',
  external_id text not null,
  kind text not null check (kind in ('deposit', 'loan', 'mortgage', 'credit_card', 'debit_card', 'insurance', 'investment',
                                     'service_contract', 'membership', 'other')),
  product_code text,
  product_name text,
  currency char(3) not null default 'CNY',
  balance numeric(20, 2),
  credit_limit numeric(20, 2),
  opened_on date,
  matures_on date,
  closed_on date,
  status text not null default 'active' check (status in ('active', 'dormant', 'closed')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (source_system, external_id)
);
create index holdings_customer_idx on holdings (customer_id);

-- Transactions: facts that do not change once booked; an import that sees one again leaves it.
create table transactions (
  id bigint generated always as identity primary key,
  customer_id bigint not null references customers (id),
  holding_id bigint references holdings (id),
  source_system text not null default 'manual',
  external_id text not null,
  occurred_at timestamptz not null,
  amount numeric(20, 2) not null check (amount >= 0),
  currency char(3) not null default 'CNY',
  direction text not null check (direction in ('debit', 'credit')),
  channel text,
  product_code text,
  merchant text,
  category text,
  description text,
  created_at timestamptz not null default now(),
  unique (source_system, external_id)
);
create index transactions_customer_time_idx on transactions (customer_id, occurred_at desc, id desc);

-- Saved column mappings, so the same monthly file is mapped once.
create table import_profiles (
  id bigint generated always as identity primary key,
  name text not null unique,
  target text not null,
  mapping jsonb not null,
  options jsonb not null default '{}',
  created_by bigint references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- Every import: who, what file, how it went.
create table import_runs (
  id bigint generated always as identity primary key,
  target text not null,
  source text not null default 'upload',
  file_name text,
  file_checksum text,
  file_size bigint,
  format text,
  encoding text,
  mapping jsonb not null,
  options jsonb not null default '{}',
  policy text not null check (policy in ('reject_file', 'load_valid')),
  status text not null check (status in ('running', 'succeeded', 'rejected', 'failed')),
  rows_read int not null default 0,
  rows_inserted int not null default 0,
  rows_updated int not null default 0,
  rows_unchanged int not null default 0,
  rows_rejected int not null default 0,
  rows_quarantined int not null default 0,
  error text,
  started_by bigint references users (id),
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  duration_ms int
);
create index import_runs_started_idx on import_runs (started_at desc);

-- Row errors of a run: what the downloadable error report lists.
create table import_errors (
  run_id bigint not null references import_runs (id) on delete cascade,
  row_no int not null,
  field text,
  value text,
  message text not null,
  params jsonb
);
create index import_errors_run_idx on import_errors (run_id, row_no);

-- Rows that are valid but cannot be placed yet (a transaction of an unknown customer).
create table import_quarantine (
  id bigint generated always as identity primary key,
  run_id bigint not null references import_runs (id) on delete cascade,
  target text not null,
  row_no int not null,
  reason text not null,
  payload jsonb not null,
  resolved_at timestamptz,
  created_at timestamptz not null default now()
);
create index import_quarantine_open_idx on import_quarantine (target, created_at) where resolved_at is null;
