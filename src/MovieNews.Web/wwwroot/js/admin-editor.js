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
  // The words come with the page (data-* on the form), in the site's language; {0} is filled in here.
  function words(name, value) {
    // A function as the replacement: "$&" in a file name or message is text, not a pattern.
    return (form.dataset[name] || name).replace("{0}", function () { return value === undefined ? "" : String(value); });
  }

  function render() {
    var data = new FormData();
    data.append("Input.Body", body.value);
    data.append("__RequestVerificationToken", token.value);
    fetch(window.location.pathname + "?handler=Render", { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        if (response.ok) { return response.text(); }
        if (response.status === 429) { return Promise.reject(words("previewPaused")); }
        var plain = (response.headers.get("Content-Type") || "").indexOf("text/plain") === 0;
        return (plain ? response.text() : Promise.resolve(words("previewFailedStatus", response.status)))
          .then(function (message) { return Promise.reject(message); });
      })
      .then(function (html) { preview.innerHTML = html; show(null); })
      .catch(function (message) { show(typeof message === "string" ? message : words("previewFailed")); });
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

  // Pictures dropped or pasted on the body are uploaded to the library (alt text asked for first, as the
  // library requires it) and their Markdown goes where the cursor is. Without JavaScript the library's
  // upload page and its Markdown snippet do the same.
  var featured = document.getElementById("Input_FeaturedMediaId");
  var uploadStatus = document.getElementById("upload-status");

  function say(message) {
    uploadStatus.hidden = !message;
    uploadStatus.textContent = message || "";
  }

  function insertAtCursor(text) {
    var start = body.selectionStart, end = body.selectionEnd;
    var before = body.value.slice(0, start), after = body.value.slice(end);
    var block = (before && !/\n\n$/.test(before) ? (/\n$/.test(before) ? "\n" : "\n\n") : "") + text + (after && !/^\n/.test(after) ? "\n\n" : "");
    body.value = before + block + after;
    body.selectionStart = body.selectionEnd = before.length + block.length;
    body.dispatchEvent(new Event("input"));
  }

  function upload(file) {
    var alt = window.prompt(words("describePicture", file.name), "");
    if (alt === null) { return; }
    if (!alt.trim()) { say(words("needsAlt")); return; }
    var data = new FormData();
    data.append("file", file, file.name);
    data.append("AltText", alt);
    data.append("__RequestVerificationToken", token.value);
    say(words("uploading", file.name));
    fetch("/admin/media/upload", { method: "POST", body: data, credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (response.status === 413) { return Promise.reject(words("tooLarge")); }
        return response.json().then(function (json) {
          if (!response.ok) { return Promise.reject(Object.keys(json.errors || {}).map(function (k) { return json.errors[k]; }).join(" ") || words("uploadFailed")); }
          return json;
        });
      })
      .then(function (picture) {
        insertAtCursor(picture.markdown);
        if (featured) {
          var option = document.createElement("option");
          option.value = String(picture.id);
          option.textContent = picture.altText + " (" + picture.width + " × " + picture.height + ")";
          featured.insertBefore(option, featured.options[1] || null);
        }
        say(words("uploaded", file.name));
      })
      .catch(function (message) { say(typeof message === "string" ? words("notUploaded", message) : words("connectionFailed")); });
  }

  function picturesIn(items) {
    return Array.prototype.filter.call(items || [], function (file) { return file && /^image\//.test(file.type); });
  }

  // Contributors cannot upload: a dropped picture is left to the browser rather than sent to be refused.
  if (body.getAttribute("data-uploads") === "off") { return; }
  body.addEventListener("dragover", function (event) {
    if (event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, "Files") >= 0) { event.preventDefault(); }
  });
  body.addEventListener("drop", function (event) {
    var files = picturesIn(event.dataTransfer && event.dataTransfer.files);
    if (files.length === 0) { return; }
    event.preventDefault();
    files.forEach(upload);
  });
  body.addEventListener("paste", function (event) {
    var files = picturesIn(event.clipboardData && event.clipboardData.files);
    if (files.length === 0) { return; }
    event.preventDefault();
    files.forEach(upload);
  });
})();
