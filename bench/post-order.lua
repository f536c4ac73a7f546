-- wrk script for POST /v1/orders: one fixed JSON order for the user in BENCH_USER_ID (seeded by bench/run.sh).
-- Only wrk.method/headers/body are set (no request() function), so wrk builds the request once and reuses it.
local user = os.getenv("BENCH_USER_ID") or "1"
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"userId":' .. user .. ',"items":[{"sku":"BOOK-1","quantity":3,"unitPriceCents":1999},'
           .. '{"sku":"PEN-2","quantity":1,"unitPriceCents":250}]}'
