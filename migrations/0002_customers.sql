-- The single customer database: customers, contacts, activities, custom fields, merges.

create sequence customer_code_seq;

create table custom_fields (
  id bigint generated always as identity primary key,
  entity text not null default 'customer',
  key text not null,
  type text not null check (type in ('text', 'number', 'date', 'boolean', 'select', 'multiselect')),
  label_zh text not null,
  label_en text not null,
  description_zh text,
  description_en text,
  required boolean not null default false,
  options jsonb not null default '[]',
  position int not null default 0,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (entity, key)
);

create table customers (
  id bigint generated always as identity primary key,
  code text not null unique,
  kind text not null check (kind in ('individual', 'organization')),
  name text not null,
  name_en text,
  -- pinyin of Chinese names, so lists sort the way Chinese users expect
  name_sort text not null,
  -- single characters and bigrams of the names: 1- and 2-character searches use the GIN index
  name_grams text[] not null,
  -- normalised name (company suffixes and brackets dropped) for the duplicate check
  name_norm text not null,
  gender text check (gender in ('male', 'female', 'unknown')),
  birth_date date,
  id_type text,
  id_number text,
  mobile text,
  phone text,
  email text,
  province_code text,
  city_code text,
  district_code text,
  address text,
  postal_code text,
  industry text,
  size text,
  status text not null default 'active',
  source_channel text,
  org_unit_id bigint not null references org_units (id),
  owner_id bigint references users (id),
  custom jsonb not null default '{}',
  merged_into_id bigint references customers (id),
  version int not null default 1,
  created_by bigint,
  updated_by bigint,
  -- millisecond precision: keyset cursors carry these values through JavaScript dates
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now(),
  deleted_at timestamptz
);
create index customers_org_created_idx on customers (org_unit_id, created_at, id);
create index customers_owner_created_idx on customers (owner_id, created_at, id);
create index customers_created_idx on customers (created_at, id);
create index customers_updated_idx on customers (updated_at, id);
create index customers_name_sort_idx on customers (name_sort, id);
create index customers_mobile_idx on customers (mobile);
create index customers_email_idx on customers (lower(email));
create index customers_id_number_idx on customers (id_number);
create index customers_name_norm_idx on customers (name_norm);
create index customers_name_grams_idx on customers using gin (name_grams);
create index customers_custom_idx on customers using gin (custom jsonb_path_ops);

create table contacts (
  id bigint generated always as identity primary key,
  customer_id bigint not null references customers (id),
  name text not null,
  title text,
  mobile text,
  phone text,
  email text,
  is_primary boolean not null default false,
  notes text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);
create index contacts_customer_idx on contacts (customer_id);
create index contacts_mobile_idx on contacts (mobile);
create unique index contacts_one_primary_idx on contacts (customer_id) where is_primary and deleted_at is null;

create table activities (
  id bigint generated always as identity primary key,
  customer_id bigint not null references customers (id),
  kind text not null check (kind in ('note', 'call', 'meeting', 'visit', 'email')),
  subject text,
  body text not null,
  occurred_at timestamptz not null default now(),
  created_by bigint references users (id),
  created_at timestamptz not null default now(),
  deleted_at timestamptz
);
create index activities_customer_idx on activities (customer_id, occurred_at);

create table customer_merges (
  id bigint generated always as identity primary key,
  target_id bigint not null references customers (id),
  source_id bigint not null references customers (id),
  actor_id bigint references users (id),
  at timestamptz not null default now(),
  -- both records before the merge and what moved, so that an admin can undo it
  snapshot jsonb not null,
  undone_at timestamptz,
  undone_by bigint references users (id)
);
create index customer_merges_target_idx on customer_merges (target_id);
