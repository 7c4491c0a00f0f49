// The codes index: type a code to filter the tables; a full match opens its page.
// It may arrive after the reader has started typing (_ext/paint_first.py), so it
// applies what is in the box at once.
(function start() {
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
    return;
  }
  var input = document.getElementById("code-jump");
  if (!input) return;
  var rows = document.querySelectorAll("table.status-table tbody tr");
  function update() {
    var typed = input.value.replace(/\D/g, "");
    rows.forEach(function (row) {
      row.hidden = typed !== "" && row.id.slice(5).indexOf(typed) !== 0;
    });
    var match = document.getElementById("code-" + typed);
    if (typed.length === 3 && match) {
      var link = match.querySelector("a");
      if (link) window.location.href = link.href.split("#")[0];
    }
  }
  input.addEventListener("input", update);
  input.form.addEventListener("submit", function (event) { event.preventDefault(); });
  if (input.value) update();
})();
