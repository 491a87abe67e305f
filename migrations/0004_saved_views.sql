-- Named filters, sorts and columns a user keeps for a list page ("saved views").
create table saved_views (
  id bigint generated always as identity primary key,
  user_id bigint not null references users (id) on delete cascade,
  -- the list page the view belongs to, e.g. 'customers'
  page text not null,
  name text not null,
  state jsonb not null,
  is_default boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (user_id, page, name)
);
-- at most one default view per user and page
create unique index saved_views_default_idx on saved_views (user_id, page) where is_default;
