-- wrk script: POST /subscribe (the signup form) with a different address on every request.
-- RENDERED (environment) is a render stamp fetched from the signup form before the run; the stamp is
-- bound to the client and its age, not to one post, so every post of the run can carry it. With
-- FORM_PER_SIGNUP=1 each signup fetches its own form first (GET /subscribe), as a browser does, and
-- posts the stamp that form carries: wrk's own figures then count both requests, and the summary line
-- printed at the end counts the POSTs alone.
local rendered = os.getenv("RENDERED") or ""
local per_signup = os.getenv("FORM_PER_SIGNUP") == "1"
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("prefix", "load" .. #threads .. "-" .. os.time())
end

counter = 0
accepted = 0
rejected = 0
stamps = {}

function request()
  if per_signup and #stamps == 0 then
    return wrk.format("GET", "/subscribe")
  end
  local stamp = rendered
  if per_signup then
    stamp = table.remove(stamps)
  end
  counter = counter + 1
  local body = "email=" .. prefix .. "-" .. counter .. "%40example.org"
    .. "&name=Load+Test&topics=Research&frequency=weekly&website=&rendered=" .. stamp
  return wrk.format("POST", "/subscribe", { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end

-- A 200 carrying a form is a fetched form (its stamp is kept for a post); a 200 without one is an
-- accepted signup ("Check your inbox"); anything else (400 expired or invalid, 429, a redirect) is a
-- signup that was not accepted.
function response(status, headers, body)
  local stamp = string.match(body, 'name="rendered" value="([^"]*)"')
  if status == 200 and stamp then
    table.insert(stamps, stamp)
  elseif status == 200 then
    accepted = accepted + 1
  else
    rejected = rejected + 1
  end
end

function done(summary, latency, requests)
  local ok, bad = 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("accepted")
    bad = bad + thread:get("rejected")
  end
  local seconds = summary.duration / 1000000
  io.write(string.format("signup POSTs: %d accepted, %d not accepted, in %.2f s: %.2f accepted POSTs/s\n", ok, bad, seconds, ok / seconds))
end
