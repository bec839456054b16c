-- POST /v1/ratings with batches of 500 random ratings of known users and items
-- (MovieLens 100k: users 1…943, items 1…1682, ratings 1…5). Bodies are built once, up front.
local token = os.getenv("RECO_TOKEN") or ""
local batches = {}
math.randomseed(7)
for b = 1, 64 do
  local parts = {}
  for i = 1, 500 do
    parts[i] = string.format('{"user":"%d","item":"%d","rating":%d}', math.random(1, 943), math.random(1, 1682), math.random(1, 5))
  end
  batches[b] = "[" .. table.concat(parts, ",") .. "]"
end
local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("POST", "/v1/ratings", headers, batches[(counter % #batches) + 1])
end
local statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
done = function(summary, latency, requests)
  io.write(string.format("ratings/s: %.0f (batches of 500, %d batches answered)\n",
    summary.requests / (summary.duration / 1e6) * 500, summary.requests))
end
