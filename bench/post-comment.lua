-- wrk script: posts a new comment per request with one reader's antiforgery cookie and token
-- (given in the environment as COOKIE and TOKEN); the body differs every time.
local counter = 0
local cookie = os.getenv("COOKIE")
local token = os.getenv("TOKEN")

request = function()
  counter = counter + 1
  local body = "__RequestVerificationToken=" .. token ..
    "&Input.Name=Load+tester&Input.Body=Load+test+comment+" .. counter .. "+" .. math.random(1, 1000000000)
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
  }, body)
end
