-- Asks for /posts/1 .. /posts/$POSTS with Zipf-distributed popularity (exponent 1): post k is asked for in
-- proportion to 1/k, as real traffic favours a few pages. The cumulative weights are built once per thread.
local posts = tonumber(os.getenv("POSTS") or "1000")
local cumulative = {}
local total = 0
for k = 1, posts do
  total = total + 1 / k
  cumulative[k] = total
end

local function pick()
  local target = math.random() * total
  local low, high = 1, posts
  while low < high do
    local middle = math.floor((low + high) / 2)
    if cumulative[middle] < target then low = middle + 1 else high = middle end
  end
  return low
end

request = function()
  return wrk.format("GET", "/posts/" .. pick())
end
