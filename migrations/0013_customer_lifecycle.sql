-- The value lifecycle stage, from the trend of spending: the last 90 days against the 90 before.
alter table customer_value add column lifecycle text;
alter table customer_value add column trend numeric(8, 2);
alter table customer_value_history add column lifecycle text;
