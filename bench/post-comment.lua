-- wrk script: posts a new comment per request, as a client that is not a browser page (no Origin, no
-- Sec-Fetch-Site: the public form needs no token); the body differs every time.
local counter = 0

request = function()
  counter = counter + 1
  local body = "Input.Name=Load+tester&Input.Body=Load+test+comment+" .. counter .. "+" .. math.random(1, 1000000000)
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end
