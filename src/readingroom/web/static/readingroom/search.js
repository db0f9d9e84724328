// Search as you type: progressive enhancement of the plain search form.
// Without JavaScript the form submits normally; with it, results refresh in place.
(function () {
  "use strict";
  var input = document.querySelector("[data-live-search][data-results]");
  if (!input || !window.fetch) return;
  var target = document.getElementById(input.getAttribute("data-results"));
  var timer = null, controller = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var params = new URLSearchParams(new FormData(input.form));
      params.set("partial", "1");
      if (controller) controller.abort();
      controller = new AbortController();
      fetch(input.form.action + "?" + params.toString(), { signal: controller.signal })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (html === null) return;
          target.innerHTML = html;
          params.delete("partial");
          history.replaceState(null, "", "?" + params.toString());
        })
        .catch(function () { /* a newer keystroke aborted this request */ });
    }, 180);
  });
})();
