/* The search page: the code a query names, and the codes a header field
 * leads to, shown above Sphinx's results; StatusSearch.boost() lets the
 * scorer (search_scorer.js) rank them first in Sphinx's list too.
 * STATUS_SEARCH, written above this by _ext/status_search.py, is made from
 * data/status-codes.yaml and the code pages. No query is named here. */
(function () {
  "use strict";
  var data = window.STATUS_SEARCH;
  if (!data) return;

  // Case, width, spacing and punctuation do not matter: "Not-Found", "notfound"
  // and "ＮＯＴ  ＦＯＵＮＤ" are one key.
  function norm(text) {
    return String(text).normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  }
  var CJK = /[\u3400-\u9fff]/;
  var HTTP_PREFIX = /^\s*https?(?:\s*\/\s*[\d.]+)?\s*/i;

  var byCode = new Map();
  var byName = new Map();
  data.codes.forEach(function (record) {
    byCode.set(String(record.code), record);
    record.keys = new Set(record.names.map(norm));
    record.keys.forEach(function (key) {
      if (!byName.has(key)) byName.set(key, []);
      byName.get(key).push(record);
    });
  });
  var headers = new Map();
  Object.keys(data.headers).forEach(function (key) {
    headers.set(norm(key), data.headers[key]);
  });

  // "404", "HTTP 404", "http/1.1 404 Not Found", "Not Found", "未找到", "NOT_FOUND".
  function exact(query) {
    var found = [];
    var add = function (record) { if (found.indexOf(record) < 0) found.push(record); };
    var candidates = [query];
    if (HTTP_PREFIX.test(query)) candidates.push(query.replace(HTTP_PREFIX, ""));
    candidates.forEach(function (text) {
      var key = norm(text);
      if (!key) return;
      (byName.get(key) || []).forEach(add);
      var number = key.match(/^(\d{3})(.*)$/);
      var record = number && byCode.get(number[1]);
      if (record && (number[2] === "" || record.keys.has(number[2]))) add(record);
    });
    return found;
  }

  function header(query) {
    return headers.get(norm(query.replace(/:\s*$/, ""))) || null;
  }

  // Optimal string alignment distance, giving up once it exceeds `limit`.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var rows = [];
    for (var i = 0; i <= a.length; i++) {
      rows.push([i]);
      var best = i;
      for (var j = 1; j <= b.length; j++) {
        if (i === 0) { rows[0].push(j); continue; }
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
          value = Math.min(value, rows[i - 2][j - 2] + 1);
        rows[i].push(value);
        best = Math.min(best, value);
      }
      if (i > 0 && best > limit) return limit + 1;
    }
    return rows[a.length][b.length];
  }

  // Names one or two typing slips away: one in a short or Chinese name, two in a long one.
  function suggest(query) {
    var key = norm(query);
    var cjk = CJK.test(key);
    if (key.length < (cjk ? 3 : 5) || /^\d+$/.test(key)) return [];
    var limit = cjk || key.length < 9 ? 1 : 2;
    var scored = [];
    data.codes.forEach(function (record) {
      var best = limit + 1;
      record.keys.forEach(function (name) {
        if (name.length >= 4) best = Math.min(best, distance(key, name, limit));
      });
      if (best <= limit) scored.push([best, record]);
    });
    scored.sort(function (a, b) { return a[0] - b[0] || a[1].code - b[1].code; });
    return scored.slice(0, 3).map(function (pair) { return pair[1]; });
  }

  function query() {
    return new URLSearchParams(window.location.search).get("q") || "";
  }

  // What the query's answer is, computed once per page: the exact codes,
  // the header field and its codes, or the near names.
  var answer = null;
  function answerFor(text) {
    if (answer && answer.text === text) return answer;
    var found = exact(text);
    var field = header(text);
    answer = {
      text: text,
      exact: found,
      header: field,
      suggest: found.length || field ? [] : suggest(text),
    };
    return answer;
  }

  // Extra score for a result on page `docname` (see search_scorer.js).
  function boost(docname) {
    var code = (docname.match(/^codes\/(\d{3})$/) || [])[1];
    if (!code) return 0;
    var current = answerFor(query().trim());
    var extra = 0;
    current.exact.forEach(function (record, i) {
      if (String(record.code) === code) extra = Math.max(extra, 1000 - i);
    });
    if (current.header) {
      current.header.codes.forEach(function (pair, i) {
        if (String(pair[0]) === code) extra = Math.max(extra, 600 - 10 * i);
      });
    }
    return extra;
  }

  function summaryOf(docname) {
    var code = (docname.match(/^codes\/(\d{3})$/) || [])[1];
    var record = code && byCode.get(code);
    return record ? record.summary : "";
  }

  function block(id, heading, records, notes) {
    var section = document.createElement("section");
    section.className = "status-search " + id;
    section.setAttribute("aria-labelledby", id + "-heading");
    var title = section.appendChild(document.createElement("h2"));
    title.id = id + "-heading";
    title.textContent = heading;
    var list = section.appendChild(document.createElement("ul"));
    list.className = "search";
    list.setAttribute("role", "list");
    records.forEach(function (record, i) {
      var item = list.appendChild(document.createElement("li"));
      var link = item.appendChild(document.createElement("a"));
      link.href = record.url;
      link.textContent = record.title;
      if (notes && notes[i]) item.appendChild(document.createTextNode(" (" + notes[i] + ")"));
      var summary = item.appendChild(document.createElement("p"));
      summary.className = "context";
      summary.textContent = record.summary;
    });
    return section;
  }

  function show() {
    var results = document.getElementById("search-results");
    var text = query().trim();
    if (!results || !text) return;
    var current = answerFor(text);
    var sections = [];
    if (current.exact.length)
      sections.push(block("status-exact", data.labels.exact, current.exact));
    if (current.header) {
      var records = [], notes = [];
      current.header.codes.slice(0, 5).forEach(function (pair) {
        var record = byCode.get(String(pair[0]));
        if (!record || current.exact.indexOf(record) >= 0) return;
        records.push(record);
        notes.push(data.labels[pair[1]]);
      });
      if (records.length)
        sections.push(block("status-header", data.labels.header.replace("{name}", current.header.name),
                            records, notes));
    }
    if (current.suggest.length)
      sections.push(block("status-suggest", data.labels.suggest, current.suggest));
    sections.reverse().forEach(function (section) { results.prepend(section); });
  }

  window.StatusSearch = { exact: exact, header: header, suggest: suggest, boost: boost,
                          summaryOf: summaryOf, norm: norm };
  // A deferred script runs once the page is parsed, before Sphinx's search
  // starts: the answer shows before the search index has even loaded.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
  else show();
})();
