-- POSTs prepared bodies in turn, counts the answers by HTTP status and writes down every receipt
-- code the server answered with (a 201's JSON body, a 303's Location), one file per thread.
-- Arguments (after --): requests file (one "path<TAB>body" per line), content type, run id,
-- receipts file prefix, and optionally a Cookie header. "{KEY}" in a body becomes a key unique
-- in the run.
local threads = {}
local bodies = {}
counts = {}  -- global: done() reads it from each thread with thread:get
local counter = 0
local prefix = ""
local receipts = nil

function setup(thread)
   table.insert(threads, thread)
   thread:set("thread_number", #threads)
end

function init(args)
   for line in io.lines(args[1]) do
      local path, body = line:match("^([^\t]+)\t(.*)$")
      table.insert(bodies, {path = path, body = body})
   end
   wrk.headers["Content-Type"] = args[2]
   prefix = args[3] .. "t" .. thread_number .. "n"
   receipts = io.open(args[4] .. "-" .. thread_number .. ".txt", "w")
   if args[5] then
      wrk.headers["Cookie"] = args[5]
   end
end

function request()
   counter = counter + 1
   local item = bodies[(counter % #bodies) + 1]
   local body = item.body:gsub("{KEY}", prefix .. counter)
   return wrk.format("POST", item.path, nil, body)
end

function response(status, headers, body)
   counts[status] = (counts[status] or 0) + 1
   local code = nil
   if status == 201 then
      code = body:match('"receipt":%s*"(%w+)"')
   elseif status == 303 and headers["Location"] then
      code = headers["Location"]:match("/receipts/(%w+)")
   end
   if code then
      receipts:write(code, "\n")
      receipts:flush()
   end
end

function done(summary, latency, requests)
   local statuses = {}
   for _, thread in ipairs(threads) do
      for status, number in pairs(thread:get("counts")) do
         statuses[status] = (statuses[status] or 0) + number
      end
   end
   local parts = {}
   for status, number in pairs(statuses) do
      table.insert(parts, string.format('"%d": %d', status, number))
   end
   local errors = summary.errors
   io.write(string.format(
      'RESULT {"requests": %d, "duration_us": %d, "errors": {"connect": %d, "read": %d, "write": %d, ' ..
      '"status": %d, "timeout": %d}, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, ' ..
      '"statuses": {%s}}\n',
      summary.requests, summary.duration, errors.connect, errors.read, errors.write, errors.status,
      errors.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99),
      latency.max, table.concat(parts, ", ")))
end
