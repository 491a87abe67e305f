-- Responses to requests sent with an Idempotency-Key, so a retried command is answered, not repeated.
create table idempotency_keys (
  actor text not null,
  key text not null,
  request_hash text not null,
  status_code int,
  response text,
  content_type text,
  created_at timestamptz not null default now(),
  primary key (actor, key)
);
create index idempotency_keys_created_idx on idempotency_keys (created_at);
