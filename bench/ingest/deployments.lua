-- wrk script for bench/ingest/run.sh: every request posts one deployment event of a new pipeline run.
-- Usage: wrk -t2 -c16 -d20s --latency --timeout 30s -s deployments.lua http://host:port -- TOKEN PROJECT PREFIX
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function init(args)
  token, project, prefix = args[1], args[2], args[3] or "wrk"
  counter = 0
  non2xx = 0
  wrk.method = "POST"
  wrk.path = "/api/v1/deployments"
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  local body = string.format([[{"project":"%s","environment":"prod","provider":"bench","externalId":"%s-%d-%d","attempt":1,
"commitSha":"4f2c9e1a7b3d5c8e0f1a2b3c4d5e6f708192a3b4","fromRevision":"0f9e8d7c6b5a","toRevision":"b7e1d2c3a4f5",
"status":"succeeded","startedAt":"2026-11-21T14:00:05Z","finishedAt":"2026-11-21T14:00:41Z",
"actor":{"type":"pipeline","name":"bench"},"maxLockMs":12}]], project, prefix, tid, counter)
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do
    bad = bad + t:get("non2xx")
  end
  io.write(string.format("wrk_requests=%d wrk_non2xx=%d wrk_errors=%d wrk_rate=%.0f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f\n",
    summary.requests, bad, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
