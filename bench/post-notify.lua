-- wrk script: posts a new comment per request that asks to be told of replies, from a new address each time, so
-- every accepted comment queues one "confirm your subscription" mail. Not a browser page (no Origin, no
-- Sec-Fetch-Site), as bench/post-comment.lua. Each wrk thread (and each run, by MAIL_RUN)
-- numbers its addresses apart from the others.
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

local run = os.getenv("MAIL_RUN") or "1"
local counter = 0
request = function()
  counter = counter + 1
  local tag = run .. "-" .. thread_id .. "-" .. counter
  local body = "Input.Name=Mail+tester&Input.Email=reader-" .. tag .. "%40example.com&Input.NotifyReplies=true"
    .. "&Input.Body=Tell+me+when+someone+answers+" .. tag
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end
