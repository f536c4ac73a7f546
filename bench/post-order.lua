-- wrk script for POST /v1/orders: one fixed JSON order for the user in BENCH_USER_ID (seeded by bench/run.sh).
-- Only wrk.method/headers/body are set (no request() function), so wrk builds the request once and reuses it.
--
-- With BENCH_PACE_MS set, each connection waits on average that many milliseconds after a response before its
-- next request (uniformly between half and one and a half times it, so the connections do not fire in step):
-- C connections then offer about C * 1000 / BENCH_PACE_MS requests a second, a fixed load below saturation
-- rather than as many as the server can take.
local user = os.getenv("BENCH_USER_ID") or "1"
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"userId":' .. user .. ',"items":[{"sku":"BOOK-1","quantity":3,"unitPriceCents":1999},'
           .. '{"sku":"PEN-2","quantity":1,"unitPriceCents":250}]}'

local pace = tonumber(os.getenv("BENCH_PACE_MS") or "")
if pace then
  local threads = 0
  function setup(thread)
    threads = threads + 1
    thread:set("seed", threads)
  end

  function init(args)
    -- Each thread has its own Lua state: seeded apart, their connections draw different waits.
    math.randomseed(os.time() * 100 + seed)
  end

  function delay()
    return math.floor(pace * (0.5 + math.random()))
  end
end
