// The import job page while a worker checks or imports the file: follow its progress and
// reload the page once the job is finished (the page then shows the outcome).
(function () {
  var bar = document.getElementById("job-progress");
  if (!bar) { return; }
  var text = document.getElementById("job-progress-text");
  (function poll() {
    fetch(bar.getAttribute("data-status-url"), {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (d) {
      bar.value = d.percent;
      document.querySelector("#job-status strong").textContent = d.label;
      text.textContent = d.processed + " / " + d.total;
      if (d.status === "pending" || d.status === "running") { setTimeout(poll, 1000); } else { window.location.reload(); }
    }).catch(function () { setTimeout(poll, 3000); });
  })();
})();
