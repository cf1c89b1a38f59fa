// Storyline's only script (the CSP allows no inline script). Pages work fully without it; it adds
// live updates: the server tells an open page how many articles arrived since it was rendered,
// and the page shows "N new updates" in a bar that overlays nothing the reader is reading; the
// reader chooses when to load them. EventSource resends Last-Event-ID when it reconnects.
// It also shows "updated" times (time.ago, written as exact times: the same page is sent to every
// reader for as long as the story does not change) as "12 min ago", kept current each minute.
(function () {
  'use strict';
  function ago(ms) {
    var s = Math.round((Date.now() - ms) / 1000);
    if (s < 0) return null;
    if (s < 90) return 'just now';
    if (s < 5400) return Math.round(s / 60) + ' min ago';
    if (s < 36 * 3600) return Math.round(s / 3600) + ' h ago';
    if (s < 45 * 86400) return Math.round(s / 86400) + ' days ago';
    return null;
  }
  function relative() {
    var times = document.querySelectorAll('time.ago');
    for (var i = 0; i < times.length; i++) {
      var t = times[i];
      if (!t.hasAttribute('data-exact')) t.setAttribute('data-exact', t.textContent);
      var ms = Date.parse(t.getAttribute('datetime'));
      var text = isNaN(ms) ? null : ago(ms);
      t.textContent = text || t.getAttribute('data-exact');
      t.title = t.getAttribute('data-exact');
    }
  }
  relative();
  setInterval(relative, 60000);
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
