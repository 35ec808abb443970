/**
 * Forms marked `data-inplace` are sent in the background: the answer (the same page the plain form
 * would land on) is read and only the page's live parts (`[data-swap]`) and the forms' one-time keys
 * are taken from it, so the reader keeps their place and what they were typing elsewhere. A refusal
 * shows where the action was taken, in the page's language; an answer that leaves the page (hand back
 * lands on the queue) is followed. Without script the same forms post and land on `#their-place`.
 */
export const inplaceJs = `
  function showResult(text, isError) {
    var box = document.getElementById('action-result');
    if (!box) { if (isError) alert(text); return; }
    box.innerHTML = '';
    var p = document.createElement('p');
    p.className = isError ? 'notice error' : 'notice';
    p.setAttribute('role', isError ? 'alert' : 'status');
    p.textContent = text;
    box.appendChild(p);
  }

  function swapFrom(doc) {
    document.querySelectorAll('[data-swap]').forEach(function (region) {
      var fresh = region.id && doc.getElementById(region.id);
      if (fresh) region.innerHTML = fresh.innerHTML;
    });
    // Every form keeps its place; each gets the new page's one-time key (a second reply is a new one).
    doc.querySelectorAll('form').forEach(function (fresh) {
      var key = fresh.querySelector('input[name="_key"]');
      if (!key) return;
      document.querySelectorAll('form[action="' + fresh.getAttribute('action') + '"] input[name="_key"]').forEach(function (old) {
        old.value = key.value;
      });
    });
    var result = doc.getElementById('action-result');
    var notice = result && result.textContent.trim();
    if (notice) showResult(notice, false);
    wireAll(document);
  }

  function submitInPlace(form, event) {
    event.preventDefault();
    if (form.dataset.busy === '1') return;
    form.dataset.busy = '1';
    var buttons = form.querySelectorAll('button[type="submit"]');
    buttons.forEach(function (b) { b.disabled = true; });
    var x = window.scrollX, y = window.scrollY;
    var data = new URLSearchParams(new FormData(form));
    fetch(form.action, {
      method: 'POST',
      body: data,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }).then(function (response) {
      return response.text().then(function (text) {
        var doc = new DOMParser().parseFromString(text, 'text/html');
        var landed = new URL(response.url);
        if (!response.ok) {
          var error = doc.querySelector('.notice.error');
          showResult(error ? error.textContent.trim() : response.status + ' ' + response.statusText, true);
          return;
        }
        if (landed.pathname !== location.pathname) { location.assign(response.url); return; }
        swapFrom(doc);
        if (form.closest('#composer')) {
          form.reset();
          var box = form.querySelector('textarea');
          if (box) { box.dispatchEvent(new Event('input')); box.focus({ preventScroll: true }); }
        }
        window.scrollTo(x, y);
      });
    }).catch(function () {
      showResult(document.body.getAttribute('data-offline') || 'Offline', true);
    }).finally(function () {
      form.dataset.busy = '';
      buttons.forEach(function (b) { b.disabled = false; });
    });
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-inplace')) return;
    if (!window.fetch || !window.DOMParser) return;
    submitInPlace(form, event);
  });
`;
