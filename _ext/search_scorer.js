/* conf.py's html_search_scorer: Sphinx appends this to language_data.js, which
 * only the search page loads. It tunes Sphinx's scores (see searchtools.js:
 * 15 for a query word in a page title, 5 for one in the text):
 *   - a page or section whose title holds the whole query, or every word of it,
 *     outranks pages that only mention the words;
 *   - a code page whose one-sentence summary holds every word outranks pages
 *     that mention them in passing;
 *   - the code the query names, and the codes that use the header field it
 *     names, come first (StatusSearch, from _static/status-search.js);
 *   - at equal scores, a code page comes before a chapter.
 * Sphinx reads the query from the address too (Search.init), so this does. */
(function () {
  "use strict";
  var query = (new URLSearchParams(window.location.search).get("q") || "").trim();
  var CJK = /[\u3400-\u9fff]/;
  var norm = function (text) {
    return String(text).normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  };
  var whole = norm(query);
  var stemmer = null;
  var stem = function (word) {
    if (!stemmer) stemmer = new Stemmer();
    return CJK.test(word) ? word : stemmer.stemWord(word);
  };
  var words = null;
  var queryWords = function () {
    if (words === null)
      words = splitQuery(query.toLowerCase())
        .filter(function (word) { return !stopwords.has(word) && !/^\d+$/.test(word); })
        .map(stem);
    return words;
  };
  var termsCache = new Map();
  // Does `text` hold every query word? Latin words compare stemmed; a Chinese
  // word (no spaces to split on) is looked for as it is.
  var holdsEvery = function (text) {
    var wanted = queryWords();
    if (!text || !wanted.length) return false;
    var lower = text.toLowerCase();
    var terms = termsCache.get(text);
    if (!terms) {
      terms = new Set(splitQuery(lower).map(stem));
      termsCache.set(text, terms);
    }
    return wanted.every(function (word) {
      return CJK.test(word) ? lower.indexOf(word) >= 0 : terms.has(word);
    });
  };

  Scorer.score = function (result) {
    var docname = result[0], title = result[1], score = result[4];
    var heading = norm(title);
    if (whole.length >= 2 && heading.indexOf(whole) >= 0)
      score += 40 + Math.round((40 * whole.length) / heading.length);
    else if (holdsEvery(title)) score += 20;
    var isCode = /^codes\/\d{3}$/.test(docname);
    if (isCode && window.StatusSearch) {
      score += StatusSearch.boost(docname);
      if (holdsEvery(StatusSearch.summaryOf(docname))) score += 12;
    }
    return isCode ? score + 1 : score;
  };
})();
