// Wagtail's autosave posts the page form as soon as the editor registers a change, which on a
// new page happens before anything is typed (widgets initialising): the save is refused for
// the empty title and the indicator reports a validation error. Autosave waits until the
// page has a title: the save event is cancelled (Wagtail's controller then sends nothing) and
// kept from the indicator, which stays idle.
(function () {
  "use strict";
  function guard(form) {
    form.addEventListener("w-autosave:save", function (event) {
      var title = form.querySelector('[name="title"]');
      if (title && !title.value.trim()) {
        event.preventDefault();
        event.stopPropagation();
      }
    });
  }
  function start() {
    document.querySelectorAll('form[data-controller~="w-autosave"]').forEach(guard);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
