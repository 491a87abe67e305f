-- The process engine (definitions as data, cases, steps, approvals, timers), in-app
-- notifications, and the service desk built on it: tickets, return visits, knowledge base.

-- A process definition is immutable once saved: editing saves a new version, and running
-- cases keep the version they started with.
create table process_definitions (
  id bigint generated always as identity primary key,
  key text not null,
  version int not null,
  name_zh text not null,
  name_en text not null,
  -- { initial, states: [...], transitions: [...] } (see server/modules/process/definition.ts)
  definition jsonb not null,
  created_by bigint references users (id),
  created_at timestamptz not null default now(),
  unique (key, version)
);

create table process_cases (
  id bigint generated always as identity primary key,
  definition_id bigint not null references process_definitions (id),
  -- what the case is about, e.g. ('ticket', 42); the engine knows nothing more of it
  subject_type text not null,
  subject_id bigint not null,
  reference text not null,
  title text not null,
  -- the org unit and owner of the subject: "near" roles and the customer's manager resolve from them
  org_unit_id bigint references org_units (id),
  owner_id bigint references users (id),
  state text not null,
  -- bumped by every step: two people acting on the same version, one wins
  seq int not null default 0,
  state_entered_at timestamptz not null default now(),
  due_at timestamptz,
  assignee_user_id bigint references users (id),
  assignee_unit_id bigint references org_units (id),
  assignee_role text,
  escalated boolean not null default false,
  -- values carried by the steps' forms (guards read them)
  vars jsonb not null default '{}',
  -- the last assignment each state had: { state: { userId, unitId, role } }
  assignments jsonb not null default '{}',
  status text not null default 'open' check (status in ('open', 'closed')),
  created_at timestamptz not null default now(),
  closed_at timestamptz,
  unique (subject_type, subject_id)
);
create index process_cases_user_idx on process_cases (assignee_user_id, due_at) where status = 'open';
create index process_cases_unit_idx on process_cases (assignee_unit_id, due_at) where status = 'open';
create index process_cases_role_idx on process_cases (assignee_role, due_at) where status = 'open' and assignee_user_id is null;
create index process_cases_due_idx on process_cases (due_at) where status = 'open';

create table process_steps (
  id bigint generated always as identity primary key,
  case_id bigint not null references process_cases (id),
  seq int not null,
  transition text not null,
  from_state text,
  to_state text not null,
  actor_id bigint references users (id),
  -- 'user', 'system' (timers, links), 'customer'
  actor_kind text not null default 'user',
  comment text,
  data jsonb not null default '{}',
  attachments jsonb not null default '[]',
  at timestamptz not null default now(),
  unique (case_id, seq)
);
create index process_steps_actor_idx on process_steps (actor_id);

-- The approvers asked when a case entered an approval state, and what each decided.
create table process_approvals (
  id bigint generated always as identity primary key,
  case_id bigint not null references process_cases (id),
  seq int not null,
  state text not null,
  user_id bigint not null references users (id),
  decision text check (decision in ('approved', 'rejected')),
  comment text,
  decided_at timestamptz,
  unique (case_id, seq, user_id)
);
create index process_approvals_pending_idx on process_approvals (user_id) where decision is null;
create index process_approvals_user_idx on process_approvals (user_id);

-- Reminders and deadlines of a state; each fires once, in the transaction that does its work.
create table process_timers (
  id bigint generated always as identity primary key,
  case_id bigint not null references process_cases (id),
  seq int not null,
  kind text not null check (kind in ('remind', 'breach')),
  due_at timestamptz not null,
  fired_at timestamptz,
  -- 'done', or 'stale' when the case had moved on before it was due
  outcome text
);
create index process_timers_due_idx on process_timers (due_at) where fired_at is null;

create table notifications (
  id bigint generated always as identity primary key,
  user_id bigint not null references users (id),
  -- a message key of the web app, with its parameters: shown in the reader's language
  kind text not null,
  params jsonb not null default '{}',
  link text,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  emailed_at timestamptz
);
create index notifications_user_idx on notifications (user_id, created_at desc);
create index notifications_email_idx on notifications (id) where emailed_at is null;

create table ticket_categories (
  id bigint generated always as identity primary key,
  parent_id bigint references ticket_categories (id),
  code text not null unique,
  name_zh text not null,
  name_en text not null,
  sort int not null default 0,
  active boolean not null default true
);

create sequence ticket_number_seq;

create table tickets (
  id bigint generated always as identity primary key,
  number text not null unique,
  type text not null check (type in ('complaint', 'suggestion', 'request', 'inquiry')),
  category_id bigint references ticket_categories (id),
  priority text not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
  channel text not null check (channel in ('counter', 'phone', 'email', 'web', 'api', 'social')),
  customer_id bigint not null references customers (id),
  -- the customer's unit and manager when the ticket was taken: scope and routing
  org_unit_id bigint not null references org_units (id),
  owner_id bigint references users (id),
  holding_id bigint references holdings (id),
  -- an opportunity, contract or other record of a later module: kind and reference
  related_kind text,
  related_ref text,
  subject text not null,
  description text not null default '',
  department_id bigint references org_units (id),
  solution text,
  resolution text,
  service_content text,
  service_charge numeric(20, 2) check (service_charge >= 0),
  charge_currency char(3) not null default 'CNY',
  -- when resolution is due (from the priority's service level) and when it was met
  sla_due_at timestamptz not null,
  first_response_at timestamptz,
  resolved_at timestamptz,
  closed_at timestamptz,
  reopen_count int not null default 0,
  satisfaction int check (satisfaction between 1 and 5),
  grams text[] not null default '{}',
  created_by bigint references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index tickets_customer_idx on tickets (customer_id, created_at desc);
create index tickets_created_idx on tickets (created_at desc, id desc);
create index tickets_unit_idx on tickets (org_unit_id, created_at desc, id desc);
create index tickets_owner_idx on tickets (owner_id, created_at desc, id desc);
create index tickets_created_by_idx on tickets (created_by);
create index tickets_grams_idx on tickets using gin (grams);

create table ticket_return_visits (
  id bigint generated always as identity primary key,
  ticket_id bigint not null references tickets (id),
  score int not null check (score between 1 and 5),
  comment text,
  -- 'staff' (recorded by a user) or 'link' (the customer, through a signed link)
  via text not null check (via in ('staff', 'link')),
  recorded_by bigint references users (id),
  at timestamptz not null default now()
);
create index ticket_return_visits_ticket_idx on ticket_return_visits (ticket_id, at);

-- A link the customer opens once to rate the service; only the hash of its token is kept.
create table ticket_visit_links (
  token_hash text primary key,
  ticket_id bigint not null references tickets (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);

create table kb_articles (
  id bigint generated always as identity primary key,
  ticket_id bigint references tickets (id),
  category_id bigint references ticket_categories (id),
  title_zh text not null,
  title_en text,
  body_zh text not null,
  body_en text,
  grams text[] not null,
  status text not null default 'published' check (status in ('draft', 'published', 'archived')),
  created_by bigint references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index kb_articles_grams_idx on kb_articles using gin (grams);
