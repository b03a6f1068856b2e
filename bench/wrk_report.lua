-- wrk: one machine-readable line at the end of a run. wrk's own --latency table has no p95.
-- Latencies are in microseconds in wrk; printed in milliseconds.
done = function(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format(
    "RESULT requests=%d rps=%.1f p50=%.1f p95=%.1f p99=%.1f errors=%d status=%d timeout=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    errors, e.status, e.timeout))
end
