// QR check-in for organizers: reads a trainee's personal QR code through the camera
// (jsQR, vendored in static/vendor/jsqr) and posts it to this page; typing the code into
// the form works without a camera. Scanning the same code again changes nothing server-side.
(function () {
  var video = document.getElementById("camera"), canvas = document.getElementById("frame");
  var out = document.getElementById("scan-result"), start = document.getElementById("start-camera");
  if (!video || !start) { return; }
  var token = document.querySelector("#code-form [name=csrfmiddlewaretoken]").value, last = "", lastAt = 0;
  function send(code) {
    fetch(window.location.href, {method: "POST", credentials: "same-origin",
      headers: {"Accept": "application/json", "X-CSRFToken": token, "Content-Type": "application/x-www-form-urlencoded"},
      body: "code=" + encodeURIComponent(code)})
      .then(function (r) { return r.json(); }).then(function (data) { out.textContent = data.message; });
  }
  function tick() {
    if (video.readyState === video.HAVE_ENOUGH_DATA) {
      canvas.width = video.videoWidth; canvas.height = video.videoHeight;
      var ctx = canvas.getContext("2d"); ctx.drawImage(video, 0, 0);
      var found = jsQR(ctx.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
      var now = Date.now();
      if (found && (found.data !== last || now - lastAt > 5000)) { last = found.data; lastAt = now; send(found.data); }
    }
    requestAnimationFrame(tick);
  }
  start.addEventListener("click", function () {
    navigator.mediaDevices.getUserMedia({video: {facingMode: "environment"}}).then(function (stream) {
      video.srcObject = stream; video.hidden = false; video.play(); requestAnimationFrame(tick);
    }).catch(function () { out.textContent = start.getAttribute("data-no-camera"); });
  });
})();
