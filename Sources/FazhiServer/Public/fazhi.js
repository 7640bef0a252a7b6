// Enhancement only: every page works without this script.
// Ask before submitting forms marked data-confirm (removals, irreversible steps).
document.addEventListener("submit", function (event) {
  var message = event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) { event.preventDefault(); }
});

// A document's draft page: the preview follows what the officer types in each section (section-<key> fields fill the
// preview's data-section="<key>" spans).
document.addEventListener("input", function (event) {
  var name = event.target.name || "";
  if (name.indexOf("section-") !== 0) { return; }
  var spans = document.querySelectorAll("[data-section]");
  for (var i = 0; i < spans.length; i++) {
    if (spans[i].getAttribute("data-section") === name.slice(8)) { spans[i].textContent = event.target.value; }
  }
});
