// The portal's application form saves itself as the resident goes: each change is posted (with the session's CSRF
// token, as the form carries it) and the status line says when the draft was last saved. Without script the
// "保存草稿" button does the same.
(function () {
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch) return;
  var status = document.getElementById("autosave-status");
  var timer = null;
  function save() {
    var data = new URLSearchParams(new FormData(form));
    data.set("action", "save");
    fetch(form.getAttribute("data-autosave"), {
      method: "POST", body: data, credentials: "same-origin", headers: { "X-Autosave": "1" }
    }).then(function (response) {
      if (status) {
        var now = new Date();
        var pad = function (n) { return (n < 10 ? "0" : "") + n; };
        status.textContent = response.ok ? "草稿已自动保存（" + pad(now.getHours()) + ":" + pad(now.getMinutes()) + "）" : "草稿未能自动保存，请点击「保存草稿」";
      }
    });
  }
  form.addEventListener("change", function () {
    clearTimeout(timer);
    timer = setTimeout(save, 400);
  });
})();
