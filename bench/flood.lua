-- Asks for never-seen posts /posts/$FROM, /posts/$FROM+1, ...: each one a first render unless the ceiling refuses it.
-- Each connection waits $DELAY ms between requests, so -c20 with 20 ms sends about 1,000 new ids a second: ten
-- times the default ceiling, at a rate that costs the server little unless it renders them.
local from = tonumber(os.getenv("FROM") or "1000001")
local pause = tonumber(os.getenv("DELAY") or "20")
local counter = 0

request = function()
  counter = counter + 1
  return wrk.format("GET", "/posts/" .. (from + counter))
end

delay = function()
  return pause
end
