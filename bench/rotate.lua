-- Rotates over /posts/1 .. /posts/$POSTS so every request asks for another page.
local posts = tonumber(os.getenv("POSTS") or "1000")
local counter = 0

request = function()
  counter = counter + 1
  return wrk.format("GET", "/posts/" .. ((counter % posts) + 1))
end
