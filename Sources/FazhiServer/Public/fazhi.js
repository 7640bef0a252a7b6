// Enhancement only: every page works without this script.
// Ask before submitting forms marked data-confirm (removals, irreversible steps).
document.addEventListener("submit", function (event) {
  var message = event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) { event.preventDefault(); }
});
