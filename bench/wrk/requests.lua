-- wrk script for bench/http.py: sends the requests of one scenario (bench/scenarios.py).
--   BENCH_REQUESTS  file of lines "METHOD<tab>PATH<tab>CALLER<tab>IF-MATCH<tab>BODY" ("-": none)
--   BENCH_TOKENS    file of lines "<caller> <bearer token>"
--   BENCH_ORDER     "random" (any line, any number of times) or "once" (each line in turn; a
--                   list that runs out starts again, and the server's 409/412 count as errors)
-- Requests are formatted once in init, so wrk spends nothing per request but the send.
local requests = {}
local order = os.getenv("BENCH_ORDER") or "random"
local sent = 0

function init(args)
  math.randomseed(8)
  local tokens = {}
  for line in io.lines(os.getenv("BENCH_TOKENS")) do
    local caller, token = line:match("^(%S+) (%S+)$")
    if caller then tokens[caller] = token end
  end
  for line in io.lines(os.getenv("BENCH_REQUESTS")) do
    local method, path, caller, if_match, body = line:match("^(%u+)\t([^\t]+)\t([^\t]+)\t([^\t]+)\t(.*)$")
    if method then
      local headers = { ["Authorization"] = "Bearer " .. tokens[caller] }
      if if_match ~= "-" then headers["If-Match"] = if_match end
      if body == "-" then
        body = nil
      else
        headers["Content-Type"] = "application/json"
      end
      requests[#requests + 1] = wrk.format(method, path, headers, body)
    end
  end
end

function request()
  if order == "once" then
    sent = sent + 1
    return requests[(sent - 1) % #requests + 1]
  end
  return requests[math.random(#requests)]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,' ..
    '"max_us":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,"status_errors":%d,"timeouts":%d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
