-- wrk script for bench/http.py: random youth (and their municipality's token) per request.
--   BENCH_TARGETS  file of lines "<municipality> <youth id>"
--   BENCH_TOKENS   file of lines "<municipality> <bearer token>"
--   BENCH_MODE     "one" (GET /v1/youth/{id}) or "page" (GET /v1/youth?limit=50)
local targets, tokens = {}, {}
local mode = os.getenv("BENCH_MODE") or "one"

local function lines(path)
  local out = {}
  for line in io.lines(path) do
    local a, b = line:match("^(%S+) (%S+)$")
    if a then out[#out + 1] = { a, b } end
  end
  return out
end

function init(args)
  math.randomseed(8)
  targets = lines(os.getenv("BENCH_TARGETS"))
  for _, pair in ipairs(lines(os.getenv("BENCH_TOKENS"))) do tokens[pair[1]] = pair[2] end
end

function request()
  local t = targets[math.random(#targets)]
  local headers = { ["Authorization"] = "Bearer " .. tokens[t[1]], ["X-Bench-Municipality"] = t[1] }
  if mode == "page" then
    return wrk.format("GET", "/v1/youth?limit=50", headers)
  end
  return wrk.format("GET", "/v1/youth/" .. t[2], headers)
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
