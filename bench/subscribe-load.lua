-- wrk script: POST /api/subscribe with a different address on every request.
-- RENDERED (environment) is a render stamp fetched from the signup form before the run.
local rendered = os.getenv("RENDERED") or ""
local counter = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("prefix", "load" .. threads .. "-" .. os.time())
end

function request()
  counter = counter + 1
  local body = "email=" .. prefix .. "-" .. counter .. "%40example.org"
    .. "&name=Load+Test&topics=Research&frequency=weekly&website=&rendered=" .. rendered
  return wrk.format("POST", "/api/subscribe", { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end
