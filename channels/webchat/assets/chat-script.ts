/**
 * The chat page's script, plain browser JavaScript (no build step, no framework): starts or resumes a
 * conversation (its id kept in localStorage, so a reload shows the history again), follows the event
 * stream, shows choices as buttons, the case reference and the promised deadline, and staff replies as
 * they arrive. A message being sent stays in the box until the app accepted it; while the app is away
 * (a restart) the page says it is reconnecting and tries again with backoff for over a minute. Texts follow the browser's language first, then the language the bot answers in.
 */
export const CHAT_SCRIPT = `(function () {
  'use strict';
  var TEXTS = {
    zh: { title: '在线客服', typing: '正在输入…', label: '输入您的消息', send: '发送', staff: '客服人员', bot: '客服助手', you: '我',
      caseRef: '工单号 ', deadline: '，预计答复时间：', failed: '消息没有发出，请稍后重试。', slow: '发送太频繁，请稍候再试。', offline: '连接中断，正在重新连接…', reconnecting: '正在重新连接，消息会自动重发…' },
    en: { title: 'Support chat', typing: 'Typing…', label: 'Your message', send: 'Send', staff: 'Support staff', bot: 'Support assistant', you: 'You',
      caseRef: 'Case ', deadline: ', we will reply by ', failed: 'Your message was not sent. Please try again.', slow: 'Too many messages. Please wait a moment.', offline: 'Connection lost, reconnecting…', reconnecting: 'Reconnecting… your message will be sent as soon as we are back.' }
  };
  var KEY = 'support-chat:conversation';
  var API = '/chat/api/conversations';
  var lang = /^zh/i.test(navigator.language || 'zh') ? 'zh' : 'en';
  var log = document.getElementById('log');
  var form = document.getElementById('composer');
  var input = document.getElementById('input');
  var typing = document.getElementById('typing');
  var notice = document.getElementById('notice');
  var caseBar = document.getElementById('case-bar');
  var conversation = null;
  var seen = {};
  var lastCase = null;
  var typingTimer = null;
  var source = null;

  function t(key) { return TEXTS[lang][key]; }

  function applyLanguage() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('title');
    var labelled = document.querySelectorAll('[data-text]');
    for (var i = 0; i < labelled.length; i++) labelled[i].textContent = t(labelled[i].getAttribute('data-text'));
    log.setAttribute('aria-label', t('title'));
    showCase();
  }

  function say(message) {
    notice.textContent = message || '';
    notice.hidden = !message;
  }

  function showCase() {
    if (!lastCase) { caseBar.hidden = true; return; }
    var text = t('caseRef') + lastCase.ref;
    if (lastCase.deadline) {
      var when = new Date(lastCase.deadline);
      text += t('deadline') + when.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
    }
    caseBar.textContent = text;
    caseBar.hidden = false;
  }

  function disableOldChoices() {
    var old = log.querySelectorAll('.choices button');
    for (var i = 0; i < old.length; i++) old[i].disabled = true;
  }

  function render(entry) {
    if (seen[entry.seq]) return;
    seen[entry.seq] = true;
    if (entry.kind === 'case') { lastCase = entry.case; showCase(); return; }
    if (entry.from !== 'customer' && entry.lang && entry.lang !== lang) { lang = entry.lang; applyLanguage(); }
    disableOldChoices();
    typing.hidden = true;
    var item = document.createElement('li');
    item.className = 'msg ' + entry.from;
    item.setAttribute('data-seq', String(entry.seq));
    var who = document.createElement('span');
    who.className = 'who';
    who.textContent = entry.from === 'customer' ? t('you') : entry.from === 'staff' ? t('staff') : t('bot');
    item.appendChild(who);
    var text = document.createElement('span');
    text.className = 'text';
    text.textContent = entry.text || '';
    item.appendChild(text);
    if (entry.choices && entry.choices.length) {
      var choices = document.createElement('div');
      choices.className = 'choices';
      choices.setAttribute('role', 'group');
      entry.choices.forEach(function (label) {
        var button = document.createElement('button');
        button.type = 'button';
        button.textContent = label;
        button.addEventListener('click', function () { disableOldChoices(); send(label); });
        choices.appendChild(button);
      });
      item.appendChild(choices);
    }
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
  }

  function request(method, url, body) {
    return fetch(url, {
      method: method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
      credentials: 'same-origin'
    });
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return String(Date.now()) + Math.random().toString(36).slice(2);
  }

  // Waits between tries of one send while the app is unreachable or restarting: over a minute in all.
  var RETRY_DELAYS = [1000, 2000, 4000, 8000, 15000, 15000, 15000];
  var sending = null;

  function later(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }

  // Sends one message. The same clientId on every try: a retry never adds the message twice. Resolves
  // true once the app accepted it; the caller keeps the customer's text until then.
  function send(text, clientId) {
    text = text.trim();
    if (!text || !conversation) return Promise.resolve(false);
    var body = { text: text, clientId: clientId || newId() };
    var attempt = function (tries) {
      return request('POST', API + '/' + conversation + '/messages', body).then(function (response) {
        if (response.ok) { say(''); return true; }
        if (response.status === 429) { say(t('slow')); return false; }
        if (response.status === 404) { restart(); return false; }
        if (response.status < 500) { say(t('failed')); return false; }
        return retry(tries);
      }, function () { return retry(tries); });
    };
    var retry = function (tries) {
      if (tries >= RETRY_DELAYS.length) { say(t('failed')); return false; }
      say(t('reconnecting'));
      return later(RETRY_DELAYS[tries]).then(function () { return attempt(tries + 1); });
    };
    return attempt(0);
  }

  // The composer's send: the text stays in the box until the app has it, and one send at a time.
  function sendTyped() {
    var text = input.value;
    if (!text.trim() || sending) return;
    var pending = { text: text, clientId: newId() };
    sending = pending;
    send(text, pending.clientId).then(function (accepted) {
      sending = null;
      if (accepted && input.value === pending.text) input.value = '';
    });
  }

  function follow() {
    if (source) source.close();
    source = new EventSource(API + '/' + conversation + '/events');
    source.addEventListener('entry', function (event) { say(''); render(JSON.parse(event.data)); });
    source.addEventListener('typing', function () {
      typing.hidden = false;
      clearTimeout(typingTimer);
      typingTimer = setTimeout(function () { typing.hidden = true; }, 10000);
    });
    source.addEventListener('error', function () {
      if (source.readyState === EventSource.CLOSED) {
        // Refused for good (the conversation expired): check, and start a new one if so.
        request('GET', API + '/' + conversation).then(function (response) {
          if (response.status === 404) restart(); else setTimeout(follow, 3000);
        }, function () { setTimeout(follow, 3000); });
      } else {
        say(t('offline'));
      }
    });
  }

  function start() {
    return request('POST', API, { locale: navigator.language || 'zh-CN' }).then(function (response) {
      if (!response.ok) { say(response.status === 429 ? t('slow') : t('failed')); return; }
      return response.json().then(function (body) {
        conversation = body.id;
        try { localStorage.setItem(KEY, conversation); } catch (e) { /* private mode: this tab only */ }
        follow();
      });
    });
  }

  function restart() {
    try { localStorage.removeItem(KEY); } catch (e) { /* ignore */ }
    log.textContent = '';
    seen = {};
    lastCase = null;
    showCase();
    start();
  }

  function resume() {
    var kept = null;
    try { kept = localStorage.getItem(KEY); } catch (e) { kept = null; }
    if (!kept) return start();
    return request('GET', API + '/' + kept).then(function (response) {
      if (response.status === 404) return start();
      conversation = kept;
      follow();
    }, function () { conversation = kept; follow(); });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    sendTyped();
    input.focus();
  });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  applyLanguage();
  resume();
})();
`;
