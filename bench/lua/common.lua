-- Shared part of the wrk scenario scripts, loaded with dofile() by each of them.
--
-- wrk runs every thread in its own Lua state and calls done() in a separate main state,
-- so each thread counts its non-2xx responses in a global and done() sums them over threads.

local threads = {}
local next_thread_id = 0

non_2xx = 0
first_error = ""

function setup(thread)
  thread:set("thread_id", next_thread_id)
  next_thread_id = next_thread_id + 1
  table.insert(threads, thread)
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non_2xx = non_2xx + 1
    if first_error == "" then
      first_error = status .. " " .. string.sub(body or "", 1, 200):gsub("%s+", " ")
    end
  end
end

-- Prints machine-readable lines that bench/wrk_runner.py parses after wrk's own report.
function done(summary, latency, requests)
  local total = 0
  local sample = ""
  for _, thread in ipairs(threads) do
    total = total + (thread:get("non_2xx") or 0)
    local thread_error = thread:get("first_error") or ""
    if sample == "" then
      sample = thread_error
    end
  end
  io.write(string.format("bench_non_2xx %d\n", total))
  if sample ~= "" then
    io.write("bench_first_error " .. sample .. "\n")
  end
end

-- Reads a file with one request body per line, skipping empty lines.
function read_lines(path)
  local lines = {}
  for line in io.lines(path) do
    if line ~= "" then
      table.insert(lines, line)
    end
  end
  assert(#lines > 0, "no request bodies in " .. path)
  return lines
end

-- Builds one raw POST request per body ahead of time, so the load generator spends
-- no CPU on formatting while the run is timed.
function prepare_posts(path, bodies_file)
  local headers = { ["Content-Type"] = "application/json" }
  local prepared = {}
  for _, body in ipairs(read_lines(bodies_file)) do
    table.insert(prepared, wrk.format("POST", path, headers, body))
  end
  return prepared
end

-- Returns a request() function that cycles through the prepared requests. Threads start
-- at different offsets so they rarely send the same conversation or user at the same time.
function rotating_request(prepared)
  local position = (thread_id * 7919) % #prepared
  return function()
    position = position % #prepared + 1
    return prepared[position]
  end
end
