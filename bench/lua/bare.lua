-- GET /ping on the bare app: wrk's default request plus the shared status counting.
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")
