// Live preview and slug suggestion for the article editor. Without JavaScript the Preview button does the
// same through the server; either way the HTML comes from the server's renderer and sanitizer.
(function () {
  "use strict";
  var form = document.getElementById("article-editor");
  if (!form) { return; }
  var body = document.getElementById("Input_Body");
  var preview = document.getElementById("live-preview");
  var title = document.getElementById("Input_Title");
  var slug = document.getElementById("Input_Slug");
  var token = form.querySelector("input[name='__RequestVerificationToken']");
  var status = document.getElementById("preview-status");
  var timer = null;
  var slugEdited = slug.value.length > 0;

  function render() {
    var data = new FormData();
    data.append("Input.Body", body.value);
    data.append("__RequestVerificationToken", token.value);
    fetch(window.location.pathname + "?handler=Render", { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        if (response.ok) { return response.text(); }
        if (response.status === 429) { return Promise.reject("Live preview paused: too many previews this minute. It resumes by itself."); }
        var plain = (response.headers.get("Content-Type") || "").indexOf("text/plain") === 0;
        return (plain ? response.text() : Promise.resolve("The preview could not be shown (" + response.status + ")."))
          .then(function (message) { return Promise.reject(message); });
      })
      .then(function (html) { preview.innerHTML = html; show(null); })
      .catch(function (message) { show(typeof message === "string" ? message : "The preview could not be shown; the Preview button still works."); });
  }

  function show(message) {
    status.hidden = !message;
    status.textContent = message || "";
  }

  body.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(render, 300);
  });
  if (body.value && !preview.innerHTML.trim()) { render(); }

  slug.addEventListener("input", function () { slugEdited = slug.value.length > 0; });
  title.addEventListener("input", function () {
    if (slugEdited) { return; }
    slug.value = title.value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/['’]/g, "")
      .toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 100).replace(/-+$/, "");
  });
})();
