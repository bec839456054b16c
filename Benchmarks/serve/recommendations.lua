-- GET /v1/users/{id}/recommendations?count=10 for a random known user (MovieLens 100k ids 1…943).
math.randomseed(42)
request = function()
  return wrk.format("GET", "/v1/users/" .. math.random(1, 943) .. "/recommendations?count=10")
end
