/**
 * The bell: its count (also in the tab's title) read from `/console/notifications/state` as often as
 * the server says; for a new case in the person's queues and a customer's reply on their case, a
 * desktop notification and a short tone, only once they switched alerts on (the browser asks them).
 * And the keyboard: `?` lists the shortcuts, `j` takes the next case, `r` the reply box, `n` a note,
 * `/` the search box, `e` resolve; never while typing in a field.
 */
export const bellJs = `
  var bell = document.getElementById('bell');
  var baseTitle = document.title;
  var seenWaiting = null, seenLatest = null;
  function alertsOn() { return localStorage.getItem('console-alerts') === 'on' && 'Notification' in window && Notification.permission === 'granted'; }
  function tone() {
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      var audio = new Ctx(), osc = audio.createOscillator(), gain = audio.createGain();
      osc.frequency.value = 880; gain.gain.value = 0.08;
      osc.connect(gain); gain.connect(audio.destination);
      osc.start(); osc.stop(audio.currentTime + 0.18);
      document.body.setAttribute('data-last-tone', String(Date.now()));
    } catch (e) { /* no audio device: the notification alone */ }
  }
  function tell(title, body, url) {
    if (!alertsOn()) return;
    var n = new Notification(title, { body: body, tag: url });
    n.onclick = function () { window.focus(); location.assign(url); };
    document.body.setAttribute('data-last-alert', title + ' | ' + body);
    tone();
  }
  function paintBell(state) {
    var count = bell.querySelector('.count');
    count.textContent = state.count > 0 ? String(state.count) : '';
    count.hidden = state.count === 0;
    document.title = (state.count ? '(' + state.count + ') ' : '') + baseTitle;
  }
  function pollBell() {
    fetch('/console/notifications/state', { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (state) {
        if (!state) { setTimeout(pollBell, 30000); return; }
        paintBell(state);
        if (seenWaiting !== null && state.waiting > seenWaiting && state.newest)
          tell(state.words.newCase, state.newest.ref + ' ' + state.newest.summary, '/console/cases/' + state.newest.ref);
        var latest = state.latest;
        var latestKey = latest ? latest.at + '|' + latest.ref + '|' + latest.text : '';
        if (seenLatest !== null && latest && latestKey !== seenLatest && latest.kind === 'customer_wrote')
          tell(state.words.customerWrote + ' ' + latest.ref, latest.text, '/console/cases/' + latest.ref);
        seenWaiting = state.waiting;
        seenLatest = latestKey;
        setTimeout(pollBell, state.pollMs || 15000);
      })
      .catch(function () { setTimeout(pollBell, 30000); });
  }
  if (bell) pollBell();

  var alertsButton = document.getElementById('alerts-toggle');
  function paintAlerts() {
    if (!alertsButton) return;
    var on = localStorage.getItem('console-alerts') === 'on';
    alertsButton.textContent = alertsButton.getAttribute(on ? 'data-on' : 'data-off');
    alertsButton.setAttribute('aria-pressed', on ? 'true' : 'false');
    alertsButton.hidden = false;
  }
  if (alertsButton && 'Notification' in window) {
    paintAlerts();
    alertsButton.addEventListener('click', function () {
      if (localStorage.getItem('console-alerts') === 'on') { localStorage.removeItem('console-alerts'); paintAlerts(); return; }
      Notification.requestPermission().then(function (answer) {
        if (answer === 'granted') { localStorage.setItem('console-alerts', 'on'); tone(); }
        paintAlerts();
      });
    });
  }

  document.querySelectorAll('[data-print]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  });
  var help = document.getElementById('shortcuts');
  document.querySelectorAll('[data-open-shortcuts]').forEach(function (button) {
    if (!help || !help.showModal) return;
    button.hidden = false;
    button.addEventListener('click', function () { help.showModal(); });
  });
  function typing(el) { return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)); }
  function focusBox(id, openId) {
    if (openId) { var d = document.getElementById(openId); if (d) d.open = true; }
    var el = document.getElementById(id);
    if (el) { el.focus(); return true; }
    return false;
  }
  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(document.activeElement)) return;
    var handled = true;
    if (e.key === '?') { if (help) { if (help.open) help.close(); else help.showModal(); } }
    else if (e.key === 'j') { var next = document.querySelector('[data-shortcut="next"]'); if (next) next.click(); else handled = false; }
    else if (e.key === 'r') handled = focusBox('reply-text');
    else if (e.key === 'n') handled = focusBox('note-text', 'note-box');
    else if (e.key === '/') handled = focusBox('search') || !!(document.querySelector('input[type="search"]') && (document.querySelector('input[type="search"]').focus(), true));
    else if (e.key === 'e') {
      var quick = document.querySelector('[data-shortcut="resolve"]');
      if (quick) quick.focus(); else handled = focusBox('r-found', null) || false;
      var full = document.querySelector('details.full-record'); if (!quick && full) { full.open = true; handled = focusBox('r-found'); }
    }
    else handled = false;
    if (handled) e.preventDefault();
  });
`;
