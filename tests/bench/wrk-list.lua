-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- wrk script for tests/bench/run: GET /api/v1/customers, pages of 50 at
-- random positions of the whole table, with or without a search word.
--
-- Environment: CLT_BENCH_TOKEN (bearer token), CLT_BENCH_PAGES (number of
-- pages of 50), CLT_BENCH_SEARCH=1 to add `q` from a fixed word list,
-- CLT_BENCH_OUT (file the summary JSON is written to) and
-- CLT_BENCH_DELAY_MS: each connection waits that long after an answer
-- before its next request (clients that pause between requests, so that
-- the load is a rate the server can keep up with rather than all it can
-- take; wrk's latencies do not count the pause).

local token = os.getenv("CLT_BENCH_TOKEN")
local pages = tonumber(os.getenv("CLT_BENCH_PAGES") or "20000")
local search = os.getenv("CLT_BENCH_SEARCH") == "1"
local out = os.getenv("CLT_BENCH_OUT")
local words = { "mül", "schm", "anna", "berlin", "gmbh", "wag", "peter", "ham", "klein", "lu" }
local delay_ms = tonumber(os.getenv("CLT_BENCH_DELAY_MS") or "")
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  math.randomseed(42 + id)
end

if delay_ms then
  function delay()
    return delay_ms
  end
end

function request()
  local path
  if search then
    local word = words[math.random(#words)]
    path = string.format("/api/v1/customers?pageSize=50&pageNumber=%d&q=%s",
                         math.random(20), word)
  else
    path = string.format("/api/v1/customers?pageSize=50&pageNumber=%d", math.random(pages))
  end
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local file = io.open(out, "w")
  file:write(string.format(
    '{"requests": %d, "rps": %.1f, "p50_ms": %.2f, "p99_ms": %.2f, "errors": %d}\n',
    summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout))
  file:close()
end
