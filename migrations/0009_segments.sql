-- Segments: audiences defined by a rule (dynamic, membership kept current) or frozen lists
-- (static snapshots), used by campaigns, leads and loyalty.
create table segments (
  id bigint generated always as identity primary key,
  name_zh text not null,
  name_en text,
  description text,
  kind text not null check (kind in ('dynamic', 'static')),
  -- dynamic: the rule kept current; static: the rule it was frozen from, for reference
  rule jsonb,
  source_segment_id bigint references segments (id) on delete set null,
  owner_id bigint references users (id),
  member_count int not null default 0,
  computed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (kind = 'static' or rule is not null)
);

create table segment_members (
  segment_id bigint not null references segments (id) on delete cascade,
  customer_id bigint not null references customers (id),
  added_at timestamptz not null default now(),
  primary key (segment_id, customer_id)
);
create index segment_members_customer_idx on segment_members (customer_id);
