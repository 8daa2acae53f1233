// Click-to-load videos: the page holds a link to the video until the reader presses play; only then is the
// privacy-enhanced player (youtube-nocookie.com, or Vimeo with dnt=1) loaded in its place. Without JavaScript
// the link opens the video on its site.
(function () {
  "use strict";
  var allowed = /^https:\/\/(www\.youtube-nocookie\.com\/embed\/[A-Za-z0-9_-]{11}|player\.vimeo\.com\/video\/[0-9]{1,12})\?[A-Za-z0-9=&]*$/;
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.video-play[data-embed]") : null;
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) { return; }
    var source = link.getAttribute("data-embed");
    if (!allowed.test(source)) { return; }
    event.preventDefault();
    var frame = document.createElement("iframe");
    frame.src = source;
    // The player's name comes with the page, in the site's language.
    frame.title = link.getAttribute("data-player-title") || (link.getAttribute("data-provider") || "Video") + " video player";
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.setAttribute("allowfullscreen", "");
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    frame.className = "video-frame";
    link.parentNode.replaceChild(frame, link);
    frame.focus();
  });
})();
