-- Identity and access: the org tree, roles, users, sessions, API tokens, audit.

create table org_units (
  id bigint generated always as identity primary key,
  parent_id bigint references org_units (id),
  code text not null unique,
  name_zh text not null,
  name_en text,
  kind text not null default 'branch',
  -- Materialised path of ids ('/1/5/23/'): a subtree is one index range scan, and a move
  -- rewrites the paths of the moved subtree only.
  path text not null,
  depth int not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index org_units_path_idx on org_units (path text_pattern_ops);
create index org_units_parent_idx on org_units (parent_id);

create table roles (
  id bigint generated always as identity primary key,
  key text not null unique,
  name_zh text not null,
  name_en text not null,
  builtin boolean not null default false,
  permissions text[] not null default '{}',
  data_scope text not null check (data_scope in ('own', 'own_and_subordinates', 'unit', 'unit_and_below', 'all')),
  -- field -> 'hidden' | 'read' | 'edit' | 'masked' | 'masked_in_lists'
  field_rules jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table users (
  id bigint generated always as identity primary key,
  username text not null unique,
  display_name text not null,
  email text,
  org_unit_id bigint not null references org_units (id),
  manager_id bigint references users (id),
  password_hash text not null,
  locale text not null default 'zh-CN',
  status text not null default 'active' check (status in ('active', 'disabled')),
  failed_logins int not null default 0,
  locked_until timestamptz,
  must_change_password boolean not null default false,
  password_changed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index users_org_unit_idx on users (org_unit_id);
create index users_manager_idx on users (manager_id);

create table user_roles (
  user_id bigint not null references users (id) on delete cascade,
  role_id bigint not null references roles (id),
  primary key (user_id, role_id)
);

create table sessions (
  -- sha-256 of the cookie value: a stolen database does not yield live sessions
  id text primary key,
  user_id bigint not null references users (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ip text,
  user_agent text
);
create index sessions_user_idx on sessions (user_id);

create table api_tokens (
  id bigint generated always as identity primary key,
  name text not null,
  user_id bigint not null references users (id),
  token_hash text not null unique,
  prefix text not null,
  created_by bigint references users (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);

create table settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);

create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_id bigint,
  actor_kind text not null,
  action text not null,
  entity text not null,
  entity_id text,
  before jsonb,
  after jsonb,
  request_id text,
  ip text
);
create index audit_log_entity_idx on audit_log (entity, entity_id, at);
create index audit_log_actor_idx on audit_log (actor_id, at);
create index audit_log_at_idx on audit_log (at);
