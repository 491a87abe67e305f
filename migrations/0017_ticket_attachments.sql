-- Files attached to a ticket (a photo of a receipt, a letter, a recording), kept in the database
-- so that backups and restores carry them; 10 MB each.
create table ticket_attachments (
  id bigint generated always as identity primary key,
  ticket_id bigint not null references tickets (id),
  name text not null,
  content_type text not null,
  size int not null check (size > 0 and size <= 10485760),
  sha256 text not null,
  data bytea not null,
  uploaded_by bigint references users (id),
  uploaded_at timestamptz not null default now()
);
create index ticket_attachments_ticket_idx on ticket_attachments (ticket_id, uploaded_at);
