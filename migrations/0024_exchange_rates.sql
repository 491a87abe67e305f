-- Amounts keep their own currency. Where a customer's amounts are added up across accounts
-- (assets, debt and exposure for credit, tag and segment rules, value and purchases), each is
-- first turned into the base currency, the yuan, at the rate kept here. A currency without a
-- rate is left out of those totals (and listed for the administrator), never counted as yuan.
create table exchange_rates (
  currency char(3) primary key check (currency ~ '^[A-Z]{3}$' and currency <> 'CNY'),
  -- Yuan for one unit of the currency.
  rate numeric(20, 8) not null check (rate > 0),
  updated_at timestamptz not null default now(),
  updated_by bigint references users (id) on delete set null
);

-- Every rate, the yuan's own included. A view rather than a stored row, so that a new database
-- holds no data (a restore asks for an empty one).
create view currency_rates as
  select currency, rate from exchange_rates
  union all
  select 'CNY'::char(3), 1::numeric(20, 8);
