-- wrk script for bench/_load.py: rotate through the URL paths in the file given after "--",
-- each thread from its own offset; with a second argument N, stop once N responses have arrived
-- (run with -t1 so that N counts every connection's responses; "LIMIT" on stderr then says so). One RESULT line of JSON in done().
local urls = {}
local counter = 0
local limit = 0
local seen = 0
local thread_counter = 0

function setup(thread)
  thread_counter = thread_counter + 1
  thread:set("tid", thread_counter)
end

function init(args)
  local f = assert(io.open(args[1], "r"))
  for line in f:lines() do
    if #line > 0 then urls[#urls + 1] = line end
  end
  f:close()
  limit = tonumber(args[2] or "0") or 0
  counter = ((tid or 1) * 37) % #urls
end

function request()
  counter = counter % #urls + 1
  return wrk.format("GET", urls[counter])
end

-- Defining response() makes wrk hand every body to Lua: a small cost on wrk's side only.
function response(status, headers, body)
  seen = seen + 1
  if limit > 0 and seen == limit then
    -- wrk's main thread sleeps for the whole -d duration: tell the caller, who sends SIGINT.
    wrk.thread:stop()
    io.stderr:write("LIMIT\n")
    io.stderr:flush()
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests":%d,"duration_s":%.3f,"p50_ms":%.2f,"p90_ms":%.2f,"p95_ms":%.2f,"p99_ms":%.2f,"mean_ms":%.2f,"max_ms":%.2f,"err_connect":%d,"err_read":%d,"err_write":%d,"err_status":%d,"err_timeout":%d,"bytes":%d}\n',
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.mean / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.status, e.timeout, summary.bytes))
end
