-- Tags: a catalogue in categories, tags set by staff, computed by rules or imported, and the
-- history of every customer gaining or losing one.
create table tag_categories (
  id bigint generated always as identity primary key,
  parent_id bigint references tag_categories (id),
  name_zh text not null,
  name_en text,
  sort int not null default 0,
  created_at timestamptz not null default now()
);

create table tags (
  id bigint generated always as identity primary key,
  -- stable key that rules, segments and imports refer to
  key text not null unique check (key ~ '^[a-z][a-z0-9_]{0,63}$'),
  category_id bigint references tag_categories (id),
  name_zh text not null,
  name_en text,
  kind text not null check (kind in ('manual', 'rule', 'imported')),
  description text,
  owner_id bigint references users (id),
  rule jsonb,
  active boolean not null default true,
  member_count int not null default 0,
  computed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((kind = 'rule') = (rule is not null))
);
create index tags_category_idx on tags (category_id);

-- Who has which tag now. The primary key serves "members of a tag"; the second index "tags of a customer".
create table customer_tags (
  tag_id bigint not null references tags (id),
  customer_id bigint not null references customers (id),
  set_by bigint,
  since timestamptz not null default now(),
  primary key (tag_id, customer_id)
);
create index customer_tags_customer_idx on customer_tags (customer_id);

create table tag_history (
  id bigint generated always as identity primary key,
  customer_id bigint not null,
  tag_id bigint not null,
  change text not null check (change in ('gained', 'lost')),
  -- 'manual', 'rule' or 'import'
  source text not null,
  actor_id bigint,
  at timestamptz not null default now()
);
create index tag_history_customer_idx on tag_history (customer_id, at desc, id desc);
create index tag_history_tag_idx on tag_history (tag_id, at desc);
