-- One request per trainee, all at once, over wrk's keep-alive connections (bench/registration).
--
--   wrk -t T -c N -d 600s --timeout 300s -s burst.lua URL -- KEYS METHOD PATH BODY DONEFILE T
--
-- KEYS: a file with one "sessionid csrftoken" line per trainee; each thread takes every T-th
-- line, so every request carries a different trainee's session (and the CSRF cookie and
-- header DRF checks). Each thread sends exactly one request per trainee it holds, then no
-- more: delay() lets a connection send only while trainees remain, and response() stops the
-- thread once all its answers are in and appends a line to DONEFILE (run.py interrupts wrk
-- then: wrk itself would wait out -d). done() prints one JSON line: answers by status, p50 /
-- p95 / p99 latency (wrk's own histogram, from the request's first byte out to its answer) and
-- the span from the first request out to the last answer in (CLOCK_MONOTONIC through ffi).

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } wrk_timespec;
  int clock_gettime(int clock, wrk_timespec *out);
]]
local clock = ffi.new("wrk_timespec")
local function now()
  ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) + tonumber(clock.tv_nsec) / 1e9
end

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  -- init runs in the thread's own Lua state, before the next thread is set up: the number
  -- of threads comes as an argument.
  local keys, total_threads = args[1], tonumber(args[6])
  method, path, body, donefile = args[2], args[3], args[4], args[5]
  if body == "" then body = nil end
  mine = {}
  local index = 0
  for line in io.lines(keys) do
    if index % total_threads == id then
      table.insert(mine, line)
    end
    index = index + 1
  end
  admitted, sent, answered = 0, 0, 0
  statuses = {}
  first_out, last_in = 0, 0
end

function delay()
  if admitted < #mine then
    admitted = admitted + 1
    return 0
  end
  return 3600000 -- this connection's trainee has had her turn: stay quiet
end

function request()
  -- wrk calls request() once more, on the first thread, to check the script: the trainees are
  -- taken round the list, so the requests sent still carry each trainee once.
  sent = sent + 1
  local session, csrf = mine[(sent - 1) % #mine + 1]:match("(%S+) (%S+)")
  if first_out == 0 then first_out = now() end
  local headers = {
    ["Cookie"] = "sessionid=" .. session .. "; csrftoken=" .. csrf,
    ["X-CSRFToken"] = csrf,
    ["Content-Type"] = "application/json",
  }
  return wrk.format(method, path, headers, body)
end

function response(status, headers, response_body)
  answered = answered + 1
  statuses[tostring(status)] = (statuses[tostring(status)] or 0) + 1
  last_in = now()
  if answered >= #mine then
    local file = io.open(donefile, "a")
    file:write(id, "\n")
    file:close()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local counts, first, last, answers = {}, nil, 0, 0
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + n
      answers = answers + n
    end
    local out, back = thread:get("first_out"), thread:get("last_in")
    if out > 0 and (first == nil or out < first) then first = out end
    if back > last then last = back end
  end
  local parts = {}
  for status, n in pairs(counts) do table.insert(parts, string.format('"%s": %d', status, n)) end
  local e = summary.errors
  io.write(string.format(
    'BURST {"answers": %d, "seconds": %.4f, "p50": %.6f, "p95": %.6f, "p99": %.6f, "max": %.6f, ' ..
    '"statuses": {%s}, "socket_errors": %d}\n',
    answers, last - (first or last), latency:percentile(50) / 1e6, latency:percentile(95) / 1e6,
    latency:percentile(99) / 1e6, latency.max / 1e6, table.concat(parts, ", "),
    e.connect + e.read + e.write + e.timeout))
end
