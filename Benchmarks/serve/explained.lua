-- GET /v1/users/{id}/recommendations?count=10&explain=true for a random known user (MovieLens 100k
-- ids 1…943): the same list with the three largest reasons under each item.
math.randomseed(42)
request = function()
  return wrk.format("GET", "/v1/users/" .. math.random(1, 943) .. "/recommendations?count=10&explain=true")
end
