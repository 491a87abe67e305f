-- The value recompute writes only the customers whose value changed. Recency (which moves every
-- day) and the contribution rank (which moves with anyone's contribution) are read instead of
-- stored; the last purchase is kept to read recency from.
alter table customer_value add column last_purchase_at timestamptz;
update customer_value set last_purchase_at = computed_at - make_interval(days => recency_days) where recency_days is not null;
alter table customer_value drop column recency_days;
alter table customer_value drop column contribution_rank;
