-- wrk script: a realistic mix of API searches, cycling through the texts of a queries file
-- (JSON Lines, one {"text": ...} per line; default Corpus/leeds/queries.jsonl), each sent as
--   GET /services?text=<url-encoded text>&per_page=10&at=<AT>
-- and, at the end, one machine-readable line for Benchmarks/load/run-wrk.sh:
--   RESULT <requests> <seconds> <requests/s> <p50 ms> <p90 ms> <p99 ms> <p99.9 ms> <socket errors> <HTTP errors> <timeouts>
--
--   wrk -t2 -c8 -d15s -s Benchmarks/load/queries.lua http://127.0.0.1:8080 -- Corpus/leeds/queries.jsonl 2025-11-12T11:00:00Z 10
--
-- Arguments after `--` (all optional): queries file, the fixed "now" (at), per_page.
-- wrk counts an HTTP error for every response with a status of 400 or more; the server answers no
-- redirects, so that is every non-2xx answer.

local queries_file = "Corpus/leeds/queries.jsonl"
local at = "2025-11-12T11:00:00Z"
local per_page = "10"

-- A JSON string literal starting at s[i] == '"': its decoded text and the index after it.
local function utf8char(cp)
  if cp < 0x80 then return string.char(cp)
  elseif cp < 0x800 then return string.char(0xC0 + math.floor(cp / 0x40), 0x80 + cp % 0x40)
  elseif cp < 0x10000 then
    return string.char(0xE0 + math.floor(cp / 0x1000), 0x80 + math.floor(cp / 0x40) % 0x40, 0x80 + cp % 0x40)
  else
    return string.char(0xF0 + math.floor(cp / 0x40000), 0x80 + math.floor(cp / 0x1000) % 0x40,
      0x80 + math.floor(cp / 0x40) % 0x40, 0x80 + cp % 0x40)
  end
end

local simple_escapes = { ['"'] = '"', ['\\'] = '\\', ['/'] = '/', b = '\b', f = '\f', n = '\n', r = '\r', t = '\t' }

local function json_string(s, i)
  local out, j = {}, i + 1
  while j <= #s do
    local c = s:sub(j, j)
    if c == '"' then return table.concat(out), j + 1 end
    if c == '\\' then
      local e = s:sub(j + 1, j + 1)
      if e == 'u' then
        local cp = tonumber(s:sub(j + 2, j + 5), 16)
        if not cp then return nil end
        j = j + 6
        if cp >= 0xD800 and cp <= 0xDBFF and s:sub(j, j + 1) == '\\u' then
          local lo = tonumber(s:sub(j + 2, j + 5), 16)
          if lo and lo >= 0xDC00 and lo <= 0xDFFF then
            cp = 0x10000 + (cp - 0xD800) * 0x400 + (lo - 0xDC00)
            j = j + 6
          end
        end
        out[#out + 1] = utf8char(cp)
      elseif simple_escapes[e] then
        out[#out + 1] = simple_escapes[e]
        j = j + 2
      else
        return nil
      end
    else
      out[#out + 1] = c
      j = j + 1
    end
  end
  return nil
end

-- The value of the top-level "text" key of the JSON object on one line (keys of nested objects,
-- and anything inside strings, are skipped).
local function text_of(line)
  local i, depth = 1, 0
  while i <= #line do
    local c = line:sub(i, i)
    if c == '"' then
      local str, after = json_string(line, i)
      if not str then return nil end
      local colon = line:match("^%s*():", after)
      if depth == 1 and colon and str == "text" then
        local start = line:match("^%s*()", colon + 1)
        if line:sub(start, start) == '"' then return (json_string(line, start)) end
        return nil
      end
      i = after
    else
      if c == '{' or c == '[' then depth = depth + 1 elseif c == '}' or c == ']' then depth = depth - 1 end
      i = i + 1
    end
  end
  return nil
end

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(ch) return string.format("%%%02X", string.byte(ch)) end))
end

local function load_paths(file)
  local f, err = io.open(file, "r")
  if not f then error("queries.lua: cannot read " .. file .. ": " .. tostring(err)) end
  local paths = {}
  for line in f:lines() do
    if line:match("%S") then
      local text = text_of(line)
      if text then
        paths[#paths + 1] = "/services?text=" .. urlencode(text) .. "&per_page=" .. per_page .. "&at=" .. urlencode(at)
      end
    end
  end
  f:close()
  if #paths == 0 then error("queries.lua: no \"text\" in " .. file) end
  return paths
end

-- setup runs in the main thread for each worker thread: give each a different starting point so
-- the threads do not ask the same question at the same moment.
local thread_count = 0
function setup(thread)
  thread:set("thread_index", thread_count)
  thread_count = thread_count + 1
end

local paths, next_index

function init(args)
  if args[1] and args[1] ~= "" then queries_file = args[1] end
  if args[2] and args[2] ~= "" then at = args[2] end
  if args[3] and args[3] ~= "" then per_page = args[3] end
  paths = load_paths(queries_file)
  -- thread_index is a global set by setup(); spread starting points by a prime stride.
  local index = tonumber(thread_index) or 0
  next_index = (index * 61) % #paths
end

function request()
  next_index = next_index % #paths + 1
  return wrk.format("GET", paths[next_index])
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local function ms(p) return latency:percentile(p) / 1000 end
  io.write(string.format("RESULT %d %.3f %.1f %.3f %.3f %.3f %.3f %d %d %d\n",
    summary.requests, seconds, summary.requests / seconds,
    ms(50), ms(90), ms(99), ms(99.9),
    e.connect + e.read + e.write, e.status, e.timeout))
end
