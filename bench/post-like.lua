-- wrk script: likes the article's comments as a stream of distinct readers. Each request names a random
-- comment of LIKE_COMMENTS (space-separated ids, from the page) and comes "through a proxy" from a random
-- address in X-Forwarded-For; the bench app trusts 127.0.0.1 as its proxy (ForwardedHeaders:KnownProxies), so
-- each address is a client of its own and each like a new row. No Origin or Sec-Fetch-Site: not a browser page.
local ids = {}
for id in string.gmatch(os.getenv("LIKE_COMMENTS") or "", "%d+") do
  ids[#ids + 1] = id
end
local slug = os.getenv("LIKE_SLUG") or "will-there-be-a-purple-hearts-2"
-- Lua's generator starts from the same seed in every wrk process: without this each run would repeat the last
-- run's (comment, address) pairs, and every like after the first run would be a no-op.
math.randomseed(os.time() + math.floor((os.clock() * 1000000) % 1000000))

request = function()
  local id = ids[math.random(1, #ids)]
  local address = "10." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254)
  -- As a browser sends it: the page's one like form, with the pressed button's comment number.
  return wrk.format("POST", "/articles/" .. slug .. "/like", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Forwarded-For"] = address,
  }, "comment=" .. id)
end

-- A steady stream rather than a flood: each connection waits this long between likes (0: as fast as possible).
local pause = tonumber(os.getenv("LIKE_DELAY_MS") or "20")
delay = function()
  return pause
end
