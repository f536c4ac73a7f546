-- The ISO 4217 code of the order's currency; total_cents and unit_price_cents hold minor units of it (cents of EUR,
-- yen of JPY: the column names are from before orders had a currency). NULL for orders placed before currencies
-- were recorded: they were all in the deployment's v1 currency (CLEAVE_ORDER_V1_CURRENCY), and read as such.
ALTER TABLE orders ADD COLUMN currency VARCHAR(3);
