/**
 * The Lua scripts behind the per-customer inbox. Each runs atomically inside one customer's slot.
 *
 * The protocol: every piece of work for a customer (an inbound message, a staff action, a timer) is
 * first appended to the customer's inbox (`admit`), which also deduplicates on the work item's id.
 * Whoever then holds the customer's lock drains the inbox in order, one `commit` per item; `commit`
 * writes the item's state changes, stores its result, pops it, and either hands back the next item or
 * releases the lock. So messages are processed in arrival order, never interleaved, across processes,
 * and a process that dies mid-work leaves its item in the inbox for the next holder (`takeover`).
 *
 * Keys are built inside the scripts from the customer prefix (`P:{c:ID}:`); they all share its hash tag.
 */

/** Shared helper: the item at the head of the inbox plus the state it needs, as strings ('' = none). */
const LOAD = `
local function load(prefix, itemJson)
  -- pcall: a value Lua cannot decode must not fail the script (the handler gets it raw).
  local okItem, item = pcall(cjson.decode, itemJson)
  if not okItem then item = {} end
  local profile = redis.call('GET', prefix .. 'profile') or ''
  local session = ''
  if type(item.conversation) == 'string' then
    session = redis.call('GET', prefix .. 'session:' .. item.conversation) or ''
  end
  local ref = item.caseRef
  if (type(ref) ~= 'string') and session ~= '' then
    local okSession, decoded = pcall(cjson.decode, session)
    if okSession then ref = decoded.caseRef end
  end
  local case = ''
  if type(ref) == 'string' then case = redis.call('GET', prefix .. 'case:' .. ref) or '' end
  return { itemJson, profile, session, case }
end
`;

/**
 * KEYS: link, inbox, lock, result. ARGV: prefix, item JSON, lock token, lock TTL ms, result TTL s, the
 * item's case reference ('' if none). A linked identity's work goes to the customer it was linked to,
 * except work about a case that lives here (its cases stay where they were opened).
 * Returns {'moved', customerId} | {'dup', result} | {'pending'} | {'lead', item, profile, session, case} | {'queued'}.
 */
export const ADMIT = `${LOAD}
local moved = redis.call('GET', KEYS[1])
local caseRef = ARGV[6] or ''
if moved and not (caseRef ~= '' and redis.call('EXISTS', ARGV[1] .. 'case:' .. caseRef) == 1) then
  return { 'moved', moved }
end
local previous = redis.call('GET', KEYS[4])
if previous then
  if previous == '' then return { 'pending' } end
  return { 'dup', previous }
end
redis.call('SET', KEYS[4], '', 'EX', ARGV[5])
redis.call('RPUSH', KEYS[2], ARGV[2])
if redis.call('SET', KEYS[3], ARGV[3], 'NX', 'PX', ARGV[4]) then
  local loaded = load(ARGV[1], redis.call('LINDEX', KEYS[2], 0))
  return { 'lead', loaded[1], loaded[2], loaded[3], loaded[4] }
end
return { 'queued' }
`;

/**
 * KEYS: inbox, lock. ARGV: prefix, lock token, lock TTL ms.
 * Takes the lock if it is free and there is work. Returns {'lead', ...} | {'busy'} | {'empty'}.
 */
export const TAKEOVER = `${LOAD}
if redis.call('LLEN', KEYS[1]) == 0 then return { 'empty' } end
if redis.call('SET', KEYS[2], ARGV[2], 'NX', 'PX', ARGV[3]) then
  local loaded = load(ARGV[1], redis.call('LINDEX', KEYS[1], 0))
  return { 'lead', loaded[1], loaded[2], loaded[3], loaded[4] }
end
return { 'busy' }
`;

/**
 * KEYS: inbox, lock, result. ARGV: prefix, lock token, lock TTL ms, result TTL s, result JSON, writes JSON,
 * record ('1' or '0'), item id, item kind.
 * writes: [[op, keySuffix, value...]] with op one of set | setex | del | rpush | ltrim | sadd | srem.
 * With record on, the same writes go onto the customer's record stream (`rec`) in the same step, for the
 * recorder to copy into PostgreSQL (src/record/): the change and its record entry are one, atomically,
 * and cost no round trip of their own.
 * Returns {'lost'} (lock no longer ours: write nothing) | {'done'} | {'next', item, profile, session, case}.
 */
export const COMMIT = `${LOAD}
if redis.call('GET', KEYS[2]) ~= ARGV[2] then return { 'lost' } end
local prefix = ARGV[1]
for _, w in ipairs(cjson.decode(ARGV[6])) do
  local op, key = w[1], prefix .. w[2]
  if op == 'set' then redis.call('SET', key, w[3])
  elseif op == 'setex' then redis.call('SET', key, w[3], 'EX', w[4])
  elseif op == 'del' then redis.call('DEL', key)
  elseif op == 'rpush' then redis.call('RPUSH', key, unpack(w, 3))
  elseif op == 'ltrim' then redis.call('LTRIM', key, w[3], w[4])
  elseif op == 'sadd' then redis.call('SADD', key, unpack(w, 3))
  elseif op == 'srem' then redis.call('SREM', key, unpack(w, 3))
  else return redis.error_reply('unknown write op ' .. tostring(op)) end
end
if ARGV[7] == '1' and ARGV[6] ~= '[]' then
  redis.call('XADD', prefix .. 'rec', '*', 'i', ARGV[8], 'k', ARGV[9], 'w', ARGV[6])
end
redis.call('SET', KEYS[3], ARGV[5], 'EX', ARGV[4])
redis.call('LPOP', KEYS[1])
if redis.call('LLEN', KEYS[1]) == 0 then
  redis.call('DEL', KEYS[2])
  return { 'done' }
end
redis.call('PEXPIRE', KEYS[2], ARGV[3])
local loaded = load(prefix, redis.call('LINDEX', KEYS[1], 0))
return { 'next', loaded[1], loaded[2], loaded[3], loaded[4] }
`;

/** KEYS: lock. ARGV: token, TTL ms. Extends our lock while a long turn runs. Returns 1 or 0. */
export const EXTEND = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

/** KEYS: pending-work set. ARGV: customer id, time (ms) the drain began. Removes it if not admitted since. */
export const FORGET = `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score and tonumber(score) <= tonumber(ARGV[2]) then return redis.call('ZREM', KEYS[1], ARGV[1]) end
return 0
`;
