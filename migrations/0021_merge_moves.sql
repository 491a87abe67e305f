-- The transactions a customer merge moved, so that undoing it moves exactly those back. A
-- corporate customer can have hundreds of thousands: one narrow row each here, written by the
-- same statement that moves them, instead of their ids in the merge's JSON snapshot. A column on
-- transactions would not do: a later merge of the target would overwrite it.
-- transaction_id has no foreign key, so that deleting a transaction never scans this table.
create table customer_merge_transactions (
  merge_id bigint not null references customer_merges (id),
  transaction_id bigint not null,
  primary key (merge_id, transaction_id)
);
