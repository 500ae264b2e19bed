-- GET /api/bots with a bearer token. Usage: wrk ... -s bots.lua URL -- ACCESS_TOKEN
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

function init(args)
  assert(args[1], "usage: wrk -s bots.lua URL -- ACCESS_TOKEN")
  local prepared = wrk.format("GET", nil, { Authorization = "Bearer " .. args[1] })
  request = function()
    return prepared
  end
end
