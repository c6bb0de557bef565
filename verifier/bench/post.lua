-- wrk script: POST the fixture body to /presentations/verify.
local f = assert(io.open(os.getenv("OM_BENCH_BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
