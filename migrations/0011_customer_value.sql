-- Customer value: RFM scores and segments, contribution (贡献度), the Pareto core, value tiers,
-- computed for every customer and kept with their history.
create table customer_value (
  customer_id bigint primary key references customers (id),
  recency_days int,
  frequency int not null default 0,
  monetary numeric(20, 2) not null default 0,
  r smallint,
  f smallint,
  m smallint,
  rfm_segment text,
  contribution numeric(20, 2) not null default 0,
  contribution_rank int,
  pareto_core boolean not null default false,
  tier text,
  computed_at timestamptz not null default now()
);
create index customer_value_segment_idx on customer_value (rfm_segment);
create index customer_value_contribution_idx on customer_value (contribution desc);

-- One row per customer and computation day: the trend behind lifecycle stages and the 360 history.
create table customer_value_history (
  customer_id bigint not null,
  computed_on date not null,
  rfm_segment text,
  contribution numeric(20, 2) not null,
  tier text,
  pareto_core boolean not null,
  primary key (customer_id, computed_on)
);
