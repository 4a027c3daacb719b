// The search worker: Material's own (its address comes as ?material=…, set by
// overrides/partials/search-on-demand.html), plus one exact clause for the whole query's key.
// A query that is an activation's name (in either language, an alias, the slug) or a glossary term
// then ranks that page, or the pages about the term, first: see src/actsite/render/search_keys.py,
// whose key this computes the same way (NFKC, lower case, letters and digits only, FNV-1a of the
// UTF-8, base 36, "xn" in front). Every other query ranks as Material ranks it.
(function () {
  var query = "";
  // Registered before Material's handler: a query message is seen here first, whole, before
  // Material segments and transforms it.
  self.addEventListener("message", function (event) {
    if (event.data && event.data.type === 2 && typeof event.data.data === "string") query = event.data.data;
  });

  function nameKey(text) {
    var name = Array.from(text.normalize("NFKC").toLowerCase()).filter(function (c) { return /[\p{L}\p{N}]/u.test(c); }).join("");
    if (!name) return null;
    var hash = 0x811c9dc5;
    new TextEncoder().encode(name).forEach(function (byte) {
      hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
    });
    return "xn" + hash.toString(36);
  }

  importScripts(new URL(self.location.href).searchParams.get("material"));

  // Lunr 2.3.9 merges equal nodes of its word automaton by a key that writes each edge as its label
  // followed by the child's id, with nothing between: with digit labels two different nodes can get
  // the same key (edges 1→2, 3→45 and 1→23, 4→5 both give "012345"). Merged, the automaton holds
  // words the index does not, and a wildcard query that reaches one fails inside Index.query (the
  // Chinese index's "x" did once the keys, base-36 words, made such nodes common). A separator after
  // each id makes the key unambiguous; the key serves only that merging.
  lunr.TokenSet.prototype.toString = function () {
    if (this._str) return this._str;
    var edges = this.edges;
    return Object.keys(edges).sort().reduce(function (key, label) { return key + label + edges[label].id + ","; }, this.final ? "1" : "0");
  };

  // The key fields answer only the key clause: Material's clauses (each term with a trailing wildcard,
  // so "x" is "x*") search the page's words, never the keys.
  lunr.Index.prototype.search = function (queryString) {
    var index = this;
    var keyed = ["names", "topics"].filter(function (field) { return index.fields.indexOf(field) >= 0; });
    var key = nameKey(query);
    return index.query(function (built) {
      new lunr.QueryParser(queryString, built).parse();
      built.clauses.forEach(function (clause) {
        clause.fields = clause.fields.filter(function (field) { return keyed.indexOf(field) < 0; });
      });
      if (key && keyed.length && key in index.invertedIndex) {
        built.term(key, { fields: keyed, usePipeline: false, wildcard: lunr.Query.wildcard.NONE, presence: lunr.Query.presence.OPTIONAL });
      }
    });
  };
})();
