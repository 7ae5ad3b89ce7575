-- wrk script: POST a ~1 KB ServiceNow-shaped incident payload with Basic auth; numbers vary per request.
local user, password = os.getenv("BENCH_USER"), os.getenv("BENCH_PASSWORD")
local function b64(data)
  local chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  return ((data:gsub('.', function(x)
    local r, b = '', x:byte()
    for i = 8, 1, -1 do r = r .. (b % 2 ^ i - b % 2 ^ (i - 1) > 0 and '1' or '0') end
    return r
  end) .. '0000'):gsub('%d%d%d?%d?%d?%d?', function(x)
    if #x < 6 then return '' end
    local c = 0
    for i = 1, 6 do c = c + (x:sub(i, i) == '1' and 2 ^ (6 - i) or 0) end
    return chars:sub(c + 1, c + 1)
  end) .. ({ '', '==', '=' })[#data % 3 + 1])
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Basic " .. b64(user .. ":" .. password)
local filler = string.rep("x", 700)
local counter = 0
request = function()
  counter = counter + 1
  local body = string.format('{"table":"incident","sys_id":"%032d","event":"insert","record":{"number":"INC%07d","correlation_id":"bench-%d","state":"1","short_description":"Benchmark incident","description":"%s"}}', counter, counter % 10000000, counter, filler)
  return wrk.format(nil, nil, nil, body)
end
