-- wrk script for replicas.sh: a mix of share creations, share page views and
-- presentation checks, each wrk thread on one of the replicas in
-- OM_BENCH_TARGETS ("127.0.0.1:PORT,127.0.0.1:PORT").
--
-- Environment: OM_BENCH_SHARE (a POST /shares body), OM_BENCH_VERIFY (a POST
-- /presentations/verify body), OM_BENCH_IDS (share ids, one a line),
-- OM_BENCH_MIX ("creates,views,checks" in percent; default "20,40,40").

local function slurp(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

local share_body = slurp(os.getenv("OM_BENCH_SHARE"))
local verify_body = slurp(os.getenv("OM_BENCH_VERIFY"))
local ids = {}
for line in io.lines(os.getenv("OM_BENCH_IDS")) do
  if #line > 0 then table.insert(ids, line) end
end
local creates, views = string.match(os.getenv("OM_BENCH_MIX") or "20,40,40", "(%d+),(%d+),(%d+)")
creates, views = tonumber(creates), tonumber(views)
local json = { ["Content-Type"] = "application/json" }

local addrs = nil
local threads = 0

function setup(thread)
  if addrs == nil then
    addrs = {}
    for target in string.gmatch(os.getenv("OM_BENCH_TARGETS"), "[^,]+") do
      local host, port = string.match(target, "([^:]+):(%d+)")
      table.insert(addrs, wrk.lookup(host, port)[1])
    end
  end
  threads = threads + 1
  thread.addr = addrs[(threads - 1) % #addrs + 1]
end

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  local r = math.random(100)
  if r <= creates then
    return wrk.format("POST", "/shares", json, share_body)
  elseif r <= creates + views then
    return wrk.format("GET", "/s/" .. ids[math.random(#ids)])
  else
    return wrk.format("POST", "/presentations/verify", json, verify_body)
  end
end

-- Answers by HTTP status, printed at the end ("status 404: N").
local threadlist = {}
local orig_setup = setup
function setup(thread)
  orig_setup(thread)
  table.insert(threadlist, thread)
end

statuses = {}
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threadlist) do
    for status, n in pairs(t:get("statuses")) do
      total[status] = (total[status] or 0) + n
    end
  end
  for status, n in pairs(total) do
    io.write(string.format("status %d: %d\n", status, n))
  end
end
