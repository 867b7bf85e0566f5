-- Rotates over /posts/1 .. /posts/$POSTS so every request asks for another page ($PREFIX replaces /posts/).
local posts = tonumber(os.getenv("POSTS") or "1000")
local prefix = os.getenv("PREFIX") or "/posts/"
local counter = 0

request = function()
  counter = counter + 1
  return wrk.format("GET", prefix .. ((counter % posts) + 1))
end
