// Progressive enhancement for replies: without JavaScript the Reply link reloads the page with the form
// set to reply (?replyto=ID#respond). With it, the form moves under the comment instead.
(function () {
  "use strict";
  // A refused form comes back at #form-message, which the browser focuses by itself; this makes sure of it.
  var summary = document.getElementById("form-message");
  if (summary && document.activeElement !== summary) { summary.focus(); }
  var respond = document.getElementById("respond");
  if (!respond) { return; }
  var form = respond.querySelector("form");
  if (!form) { return; }
  var parentField = form.querySelector("input[name='Input.ParentId']");
  var heading = document.getElementById("respond-title");
  var home = document.createComment("respond-home");
  respond.parentNode.insertBefore(home, respond);
  var cancel = null;
  // The words come with the page, in the site's language.
  var words = respond.dataset;

  function restore(event) {
    if (event) { event.preventDefault(); }
    home.parentNode.insertBefore(respond, home.nextSibling);
    parentField.value = "";
    heading.textContent = words.leaveComment || "Leave a comment";
    if (cancel) { cancel.remove(); cancel = null; }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.comment-reply") : null;
    if (!link) { return; }
    // The link sits in the comment it answers: its id and its author's name are read from there.
    var comment = link.closest("article.comment");
    var author = comment ? comment.querySelector(".comment-author") : null;
    if (!author) { return; }
    event.preventDefault();
    comment.parentNode.insertBefore(respond, comment.nextSibling);
    parentField.value = comment.id.slice("comment-".length);
    // A function as the replacement: a name's "$&" or "$`" is text, not a pattern.
    var authorName = author.textContent.trim();
    heading.textContent = (words.replyTo || "Reply to {0}").replace("{0}", function () { return authorName; });
    var existing = respond.querySelector(".cancel-reply");
    if (existing) { existing.remove(); }
    if (!cancel) {
      cancel = document.createElement("p");
      cancel.className = "cancel-reply";
      var a = document.createElement("a");
      a.href = "#comments";
      a.textContent = words.cancelReply || "Cancel reply";
      a.addEventListener("click", restore);
      cancel.appendChild(a);
      heading.parentNode.insertBefore(cancel, heading.nextSibling);
    }
    var name = form.querySelector("#Input_Name");
    var body = form.querySelector("#Input_Body");
    (name && !name.value ? name : body).focus();
  });
})();
