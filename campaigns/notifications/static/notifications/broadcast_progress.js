// Live progress on a broadcast's send page: polls the progress URL every 2 s until the
// broadcast is done, cancelled or still a draft. No inline script: the CSP forbids it.
(function () {
  "use strict";
  const table = document.querySelector("[data-progress]");
  if (!table) { return; }
  const stateCell = document.querySelector("[data-broadcast-state]");
  function show(counts) {
    for (const cell of table.querySelectorAll("[data-state]")) {
      cell.textContent = counts[cell.dataset.state] ?? 0;
    }
  }
  async function poll() {
    try {
      const response = await fetch(table.dataset.url, { credentials: "same-origin" });
      const data = await response.json();
      show(data.counts);
      stateCell.textContent = data.state_label;
      stateCell.dataset.value = data.state;
      if (data.state === "done" || data.state === "cancelled" || data.state === "draft") { return; }
    } catch (error) { /* the next poll tries again */ }
    setTimeout(poll, 2000);
  }
  setTimeout(poll, 2000);
})();
