// Storyline's only script (the CSP allows no inline script). Pages work fully without it; it adds
// live updates: the server tells an open page how many articles arrived since it was rendered,
// and the page shows "N new updates" in a bar that overlays nothing the reader is reading; the
// reader chooses when to load them. EventSource resends Last-Event-ID when it reconnects.
(function () {
  'use strict';
  var url = document.body && document.body.getAttribute('data-live');
  if (!url || typeof EventSource === 'undefined') return;
  var bar = document.getElementById('live');
  var link = document.getElementById('live-load');
  if (!bar || !link) return;
  var source = new EventSource(url);
  source.addEventListener('update', function (e) {
    var data;
    try { data = JSON.parse(e.data); } catch (err) { return; }
    var n = Number(data.count) || 0;
    if (n <= 0) return;
    link.textContent = n + (n === 1 ? ' new update' : ' new updates') + ' — load';
    link.setAttribute('href', location.pathname + location.search);
    bar.hidden = false;
    document.documentElement.classList.add('has-live');
  });
  link.addEventListener('click', function () { source.close(); });
  window.addEventListener('pagehide', function () { source.close(); });
})();
