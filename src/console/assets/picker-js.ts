/**
 * Typing `/` in the reply box offers the team's saved replies (filled in for the case, from the box's
 * `data-canned`); `@` in the note box offers colleagues (`data-mentions`). Typing narrows the list,
 * arrows move, Enter or a click inserts, Escape closes. The list is a listbox the box points to with
 * `aria-activedescendant`, so a screen reader follows it.
 */
export const pickerJs = `
  function attachPicker(box, trigger, items, render, insert) {
    if (box.dataset.picker === '1') return;
    box.dataset.picker = '1';
    var menu = document.createElement('div');
    menu.className = 'picker-menu';
    menu.setAttribute('role', 'listbox');
    menu.id = box.id + '-menu';
    menu.hidden = true;
    box.insertAdjacentElement('afterend', menu);
    box.setAttribute('aria-controls', menu.id);
    var start = -1, shown = [], active = 0;
    function close() { menu.hidden = true; start = -1; box.removeAttribute('aria-activedescendant'); }
    function paint() {
      menu.innerHTML = '';
      shown.forEach(function (item, i) {
        var option = document.createElement('div');
        option.setAttribute('role', 'option');
        option.id = menu.id + '-' + i;
        option.className = 'picker-option' + (i === active ? ' active' : '');
        option.setAttribute('aria-selected', i === active ? 'true' : 'false');
        render(option, item);
        option.addEventListener('mousedown', function (e) { e.preventDefault(); choose(i); });
        menu.appendChild(option);
      });
      menu.hidden = shown.length === 0;
      if (shown.length) box.setAttribute('aria-activedescendant', menu.id + '-' + active);
    }
    function choose(i) {
      var item = shown[i];
      if (!item) return;
      var end = box.selectionStart;
      var text = insert(item);
      box.value = box.value.slice(0, start) + text + box.value.slice(end);
      var at = start + text.length;
      close();
      box.focus();
      box.setSelectionRange(at, at);
      box.dispatchEvent(new Event('input'));
    }
    box.addEventListener('input', function () {
      var caret = box.selectionStart;
      var before = box.value.slice(0, caret);
      var at = before.lastIndexOf(trigger);
      if (at < 0 || (at > 0 && !/\\s/.test(before.charAt(at - 1)))) { close(); return; }
      var query = before.slice(at + 1).toLowerCase();
      if (/\\s/.test(query) && trigger === '@') { close(); return; }
      start = at;
      shown = items.filter(function (item) { return item.find.indexOf(query) >= 0; }).slice(0, 8);
      active = 0;
      paint();
    });
    box.addEventListener('keydown', function (e) {
      if (menu.hidden) return;
      if (e.key === 'ArrowDown') { active = (active + 1) % shown.length; paint(); e.preventDefault(); }
      else if (e.key === 'ArrowUp') { active = (active + shown.length - 1) % shown.length; paint(); e.preventDefault(); }
      else if (e.key === 'Enter' || e.key === 'Tab') { choose(active); e.preventDefault(); }
      else if (e.key === 'Escape') { close(); e.preventDefault(); e.stopPropagation(); }
    });
    box.addEventListener('blur', function () { setTimeout(close, 150); });
  }

  function wirePickers(root) {
    root.querySelectorAll('textarea[data-canned]').forEach(function (box) {
      var items = JSON.parse(box.getAttribute('data-canned') || '[]').map(function (c) {
        return { title: c.title, text: c.text, find: (c.title + ' ' + c.text).toLowerCase() };
      });
      attachPicker(box, '/', items, function (option, c) {
        var strong = document.createElement('strong');
        strong.textContent = c.title;
        var span = document.createElement('span');
        span.textContent = ' ' + c.text.slice(0, 80);
        option.appendChild(strong);
        option.appendChild(span);
      }, function (c) { return c.text; });
    });
    root.querySelectorAll('textarea[data-mentions]').forEach(function (box) {
      var items = JSON.parse(box.getAttribute('data-mentions') || '[]').map(function (p) {
        return { name: p.name, label: p.label, find: p.label.toLowerCase() };
      });
      attachPicker(box, '@', items, function (option, p) { option.textContent = p.label; },
        function (p) { return '@' + p.name + ' '; });
    });
  }
`;
