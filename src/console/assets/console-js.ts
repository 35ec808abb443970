/**
 * The console's only script, served from /console/assets/console.js (the CSP forbids inline scripts).
 * It does small things: live regions fed by server-sent events, countdowns to promised deadlines
 * (amber within the hour, red once breached), the SMS segment count under a reply box, and adding and
 * removing rows of the maintenance record's lists; actions that keep the reader's place
 * (inplace-js.ts), saved replies and mentions (picker-js.ts), the bell and the shortcuts (bell-js.ts).
 */
import { smsSegmentsSource } from '../../port/sms-segments.js';
import { bellJs } from './bell-js.js';
import { inplaceJs } from './inplace-js.js';
import { pickerJs } from './picker-js.js';

export const consoleJs = `'use strict';
(function () {
  var body = document.body;
  // The server's clock (tests and replays may run on another time): countdowns use its offset.
  var skew = Number(body.getAttribute('data-now') || Date.now()) - Date.now();
  var lang = document.documentElement.lang === 'zh' ? 'zh' : 'en';
  var HOUR = 3600000;

  function span(ms) {
    var m = Math.floor(Math.abs(ms) / 60000);
    var h = Math.floor(m / 60);
    var d = Math.floor(h / 24);
    var text = d > 0 ? d + 'd ' + (h % 24) + 'h' : h > 0 ? h + 'h ' + (m % 60) + 'm' : m + 'm';
    return lang === 'zh' ? text.replace('d', '天').replace('h', '小时').replace('m', '分') : text;
  }

  function tick() {
    var now = Date.now() + skew;
    document.querySelectorAll('[data-due]').forEach(function (el) {
      var left = Date.parse(el.getAttribute('data-due')) - now;
      el.classList.toggle('red', left < 0);
      el.classList.toggle('amber', left >= 0 && left <= HOUR);
      var label = left < 0 ? (el.getAttribute('data-breached') || '') + ' ' + span(left) : span(left);
      el.querySelector('.left') && (el.querySelector('.left').textContent = label);
    });
    document.querySelectorAll('[data-since]').forEach(function (el) {
      el.textContent = span(now - Date.parse(el.getAttribute('data-since')));
    });
  }

  function live(el) {
    var state = document.querySelector('.live-state');
    var source = new EventSource(el.getAttribute('data-live'));
    source.addEventListener('update', function (event) {
      var data = JSON.parse(event.data);
      el.innerHTML = data.html;
      tick();
    });
    source.onopen = function () { state && (state.textContent = state.getAttribute('data-on')); };
    source.onerror = function () { state && (state.textContent = state.getAttribute('data-off')); };
  }

  // The SMS channel's own count (src/port/sms-segments.ts), so staff see the segments the sender sends.
  ${smsSegmentsSource}

  // Record rows (parts, consumables, trips, findings): without script the form has one of each.
  function clearRow(row) {
    row.querySelectorAll('input, textarea').forEach(function (input) { input.value = ''; });
    row.querySelectorAll('select').forEach(function (select) { select.selectedIndex = 0; });
  }
  function wireRows(set) {
    if (set.dataset.wired === '1') return;
    set.dataset.wired = '1';
    var add = set.querySelector('[data-add-row]');
    function wire(row) {
      var remove = row.querySelector('[data-remove-row]');
      if (!remove) return;
      remove.hidden = false;
      remove.addEventListener('click', function () {
        if (set.querySelectorAll('[data-row]').length > 1) row.remove(); else clearRow(row);
      });
    }
    set.querySelectorAll('[data-row]').forEach(wire);
    if (!add) return;
    add.hidden = false;
    add.addEventListener('click', function () {
      var rows = set.querySelectorAll('[data-row]');
      var copy = rows[rows.length - 1].cloneNode(true);
      clearRow(copy);
      set.insertBefore(copy, add);
      wire(copy);
      var first = copy.querySelector('input, select');
      if (first) first.focus();
    });
  }
  function wireSms(box) {
    if (box.dataset.smsWired === '1') return;
    box.dataset.smsWired = '1';
    var out = document.getElementById(box.getAttribute('data-sms'));
    var update = function () { out && (out.textContent = String(countSmsSegments(box.value).segments)); };
    box.addEventListener('input', update);
    update();
  }
  // Run on the page and again on whatever an in-place action swapped in.
  function wireAll(root) {
    root.querySelectorAll('textarea[data-sms]').forEach(wireSms);
    root.querySelectorAll('[data-rows]').forEach(wireRows);
    wirePickers(root);
    tick();
  }
${pickerJs}
${inplaceJs}
  wireAll(document);
${bellJs}
  document.querySelectorAll('[data-live]').forEach(live);
  tick();
  setInterval(tick, 1000);
})();
`;
