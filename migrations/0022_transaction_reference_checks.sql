-- Transactions arrive by the million from the daily files. Their foreign keys checked (and locked)
-- the customer and the holding row by row, which halved COPY into the table (measured in
-- docs/benchmarks.md). The same rule is now checked once per statement, for all the rows it wrote,
-- by a join against the customers and holdings: about a fifth of the cost.
--
-- The other half of a foreign key is kept too: a customer or holding that transactions refer to
-- cannot be deleted or truncated away (the application never deletes either; this guards the database).
-- Restores insert tables in name order, so customers and holdings go in before transactions.
alter table transactions
  drop constraint transactions_customer_id_fkey,
  drop constraint transactions_holding_id_fkey;

create function transactions_check_references() returns trigger language plpgsql as $$
declare
  missing record;
begin
  select n.customer_id, n.holding_id, c.id is null as no_customer into missing
    from written n
    left join customers c on c.id = n.customer_id
    left join holdings h on h.id = n.holding_id
   where c.id is null or (n.holding_id is not null and h.id is null)
   limit 1;
  if found then
    if missing.no_customer then
      raise foreign_key_violation using message = format('transactions: customer %s does not exist', missing.customer_id);
    end if;
    raise foreign_key_violation using message = format('transactions: holding %s does not exist', missing.holding_id);
  end if;
  return null;
end $$;

create trigger transactions_references_after_insert after insert on transactions
  referencing new table as written for each statement execute function transactions_check_references();
create trigger transactions_references_after_update after update on transactions
  referencing new table as written for each statement execute function transactions_check_references();

-- Deleting a customer or holding first waits for the statements writing transactions to end (the
-- share lock), so that the check below sees what they wrote.
create function transactions_keep_referenced() returns trigger language plpgsql as $$
declare
  held bigint;
begin
  lock table transactions in share mode;
  if tg_op = 'TRUNCATE' then
    if exists (select 1 from transactions) then
      raise foreign_key_violation using message = format('%s: transactions refer to its rows', tg_table_name);
    end if;
    return null;
  end if;
  if tg_table_name = 'customers' then
    select t.customer_id into held from transactions t join removed r on t.customer_id = r.id limit 1;
  else
    select t.holding_id into held from transactions t join removed r on t.holding_id = r.id limit 1;
  end if;
  if found then
    raise foreign_key_violation using message = format('%s: transactions refer to %s', tg_table_name, held);
  end if;
  return null;
end $$;

create trigger customers_keep_transactions_after_delete after delete on customers
  referencing old table as removed for each statement execute function transactions_keep_referenced();
create trigger holdings_keep_transactions_after_delete after delete on holdings
  referencing old table as removed for each statement execute function transactions_keep_referenced();
-- After the statement, so that truncating transactions in the same statement passes.
create trigger customers_keep_transactions_after_truncate after truncate on customers
  for each statement execute function transactions_keep_referenced();
create trigger holdings_keep_transactions_after_truncate after truncate on holdings
  for each statement execute function transactions_keep_referenced();
