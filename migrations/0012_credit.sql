-- Credit assessment: scores from a configurable scorecard with their explanation, manual
-- adjustments approved by a superior, credit limits, receivables and their ageing.
create table credit_scores (
  customer_id bigint primary key references customers (id),
  automatic int not null,
  adjustment int not null default 0,
  final int not null,
  -- [{ factor, value, points, reasonZh, reasonEn }]
  explanation jsonb not null,
  computed_at timestamptz not null default now()
);

create table credit_score_history (
  id bigint generated always as identity primary key,
  customer_id bigint not null references customers (id),
  automatic int not null,
  adjustment int not null,
  final int not null,
  -- 'computed' or 'adjustment'
  cause text not null,
  at timestamptz not null default now()
);
create index credit_score_history_customer_idx on credit_score_history (customer_id, at desc);

create table credit_adjustments (
  id bigint generated always as identity primary key,
  customer_id bigint not null references customers (id),
  points int not null check (points between -1000 and 1000 and points <> 0),
  reason text not null check (length(reason) > 0),
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected', 'withdrawn')),
  requested_by bigint not null references users (id),
  requested_at timestamptz not null default now(),
  decided_by bigint references users (id),
  decided_at timestamptz,
  decision_comment text
);
create index credit_adjustments_customer_idx on credit_adjustments (customer_id, requested_at desc);
create index credit_adjustments_pending_idx on credit_adjustments (status) where status = 'pending';

create table credit_limits (
  customer_id bigint primary key references customers (id),
  amount numeric(20, 2) not null check (amount >= 0),
  currency char(3) not null default 'CNY',
  set_by bigint references users (id),
  set_at timestamptz not null default now()
);

-- What a customer owes and when: invoices, instalments, card statements.
create table receivables (
  id bigint generated always as identity primary key,
  customer_id bigint not null references customers (id),
  source_system text not null default 'manual',
  external_id text not null,
  amount numeric(20, 2) not null check (amount > 0),
  currency char(3) not null default 'CNY',
  due_on date not null,
  paid_amount numeric(20, 2) not null default 0 check (paid_amount >= 0),
  paid_on date,
  created_at timestamptz not null default now(),
  unique (source_system, external_id)
);
create index receivables_customer_idx on receivables (customer_id, due_on);
create index receivables_open_idx on receivables (due_on) where paid_amount < amount;
