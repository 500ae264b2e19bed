-- POST /api/public/chat/send, rotating over pre-made conversations and visitor questions.
-- Usage: wrk ... -s send.lua URL -- BODIES_FILE
-- (one {"conversation_id","external_user_id","message"} JSON per line)
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

function init(args)
  assert(args[1], "usage: wrk -s send.lua URL -- BODIES_FILE")
  request = rotating_request(prepare_posts("/api/public/chat/send", args[1]))
end
