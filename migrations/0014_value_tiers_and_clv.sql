-- Customer grades beside the contribution tier: the age × income matrix tier, key / potential /
-- ordinary (重点/潜力/普通), VIP, and the lifetime value (终身价值) with its model's run.
alter table customer_value add column matrix_tier text;
alter table customer_value add column customer_class text;
alter table customer_value add column vip boolean not null default false;
alter table customer_value add column clv numeric(20, 2);
alter table customer_value add column expected_purchases numeric(14, 4);
alter table customer_value add column p_alive numeric(6, 4);
alter table customer_value_history add column matrix_tier text;
alter table customer_value_history add column customer_class text;
alter table customer_value_history add column vip boolean not null default false;
alter table customer_value_history add column clv numeric(20, 2);

-- One row per recompute: its counts, and the lifetime-value method with its fitted parameters.
create table value_runs (
  id bigint generated always as identity primary key,
  computed_at timestamptz not null default now(),
  customers int not null,
  scored int not null,
  core int not null,
  vip int not null,
  ms int not null,
  clv jsonb not null,
  problems jsonb not null default '[]'
);
create index value_runs_computed_idx on value_runs (computed_at desc);
