-- POST /api/auth/login, rotating over registered users.
-- Usage: wrk ... -s login.lua URL -- BODIES_FILE (one {"email","password"} JSON per line)
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

function init(args)
  assert(args[1], "usage: wrk -s login.lua URL -- BODIES_FILE")
  request = rotating_request(prepare_posts("/api/auth/login", args[1]))
end
