-- wrk: each connection walks the pages given after `--` in turn (one URL per request), and one
-- machine-readable line at the end, with each kind of error apart. Latencies in milliseconds.
--   wrk … -s bench/several_servers.lua http://127.0.0.1:8200 -- /reading/ /bench/floor
local paths, i = {}, 0

init = function(args)
  for _, path in ipairs(args) do paths[#paths + 1] = path end
  if #paths == 0 then paths[1] = "/" end
end

request = function()
  i = i % #paths + 1
  return wrk.format(nil, paths[i])
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d rps=%.1f p50=%.1f p95=%.1f p99=%.1f connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.connect, e.read, e.write, e.status, e.timeout))
end
