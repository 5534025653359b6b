-- wrk script: the query mix of build/bench/search_bench (one term, two terms, phrase, filters,
-- facets only, cross-language), cycled in order by each connection's thread.
-- Usage: wrk -t2 -c8 -d10s --latency -s bench/query_mix.lua http://127.0.0.1:PORT
local paths = {
  "/api/v1/search?q=victims",
  "/api/v1/search?q=police",
  "/api/v1/search?q=border%20controls",
  "/api/v1/search?q=forced%20labour",
  "/api/v1/search?q=%22trafficking%20in%20persons%22",
  "/api/v1/search?q=%22national%20point%20of%20contact%22",
  "/api/v1/search?q=victims&type=law&language=es",
  "/api/v1/search?q=protection&year=2010..2014",
  "/api/v1/search?q=&jurisdiction=INT",
  "/api/v1/search?q=trata%20de%20personas",
  "/api/v1/search?q=traite%20des%20personnes",
  "/api/v1/search?q=tr%C3%A1fico%20de%20pessoas&language=pt",
}
local i = 0
local errors = 0

function setup(thread)
  thread:set("id", thread.id or 0)
end

function init(args)
  i = math.random(#paths) - 1
end

function request()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
