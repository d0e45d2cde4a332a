(function () {
  'use strict';
  var detail = document.getElementById('detail');
  var rows = Array.prototype.slice.call(document.querySelectorAll('#findings tbody tr'));
  function line(text, cls) { var d = document.createElement('div'); d.textContent = text; if (cls) { d.className = cls; } return d; }
  function findingsOf(el) {
    var f = el.getAttribute('data-f');
    return f ? f.split(' ').map(function (i) { return rows[+i]; }).filter(Boolean) : [];
  }
  function show(el, title, fields) {
    detail.textContent = '';
    detail.appendChild(line(title, 'title'));
    fields.forEach(function (kv) { if (kv[1]) { detail.appendChild(line(kv[0] + ': ' + kv[1])); } });
    var fs = findingsOf(el);
    detail.appendChild(line(fs.length + ' finding' + (fs.length === 1 ? '' : 's')));
    fs.forEach(function (r) { detail.appendChild(line(r.getAttribute('data-severity') + ' ' + r.getAttribute('data-code') + '  ' + r.getAttribute('data-subject'), 'finding')); });
    var old = document.querySelector('.sel'); if (old) { old.classList.remove('sel'); }
    el.classList.add('sel');
  }
  document.addEventListener('click', function (ev) {
    var t = ev.target;
    var edge = t.closest ? t.closest('.edge') : null;
    if (t.classList && t.classList.contains('c')) {
      show(t, t.getAttribute('data-cidr') + ' (' + t.getAttribute('data-state') + ')', [['node', t.getAttribute('data-node')],
        ['host IP', t.getAttribute('data-host')], ['held by', t.getAttribute('data-holder')], ['advertised by', t.getAttribute('data-seen')]]);
    } else if (edge) {
      var seen = edge.getAttribute('data-detail') || (edge.tagName === 'TR' && edge.cells.length > 1 ? edge.cells[1].textContent : '');
      show(edge, edge.getAttribute('data-node') + ' \u2192 ' + edge.getAttribute('data-peer') + ' (' + edge.getAttribute('data-state') + ')',
        [['seen', seen]]);
    } else if (t.closest && t.closest('.grp')) {
      var g = document.getElementById(t.closest('.grp').getAttribute('data-open'));
      if (g) { g.open = true; g.scrollIntoView({block: 'nearest'}); }
    } else if (t.tagName === 'A' && t.classList.contains('to')) {
      var target = document.getElementById(t.getAttribute('href').substring(1));
      if (target) {
        ev.preventDefault();
        var box = target.closest('details'); if (box) { box.open = true; }
        target.scrollIntoView({block: 'center'});
        target.classList.add('flash');
        setTimeout(function () { target.classList.remove('flash'); }, 1500);
        target.dispatchEvent(new MouseEvent('click', {bubbles: true}));
      }
    }
  });
  var code = document.getElementById('f-code'), sev = document.getElementById('f-severity'), subj = document.getElementById('f-subject');
  var shown = document.getElementById('f-shown');
  function filter() {
    var c = code.value, s = sev.value, q = subj.value.toLowerCase(), n = 0;
    rows.forEach(function (r) {
      var ok = (!c || r.getAttribute('data-code') === c) && (!s || r.getAttribute('data-severity') === s)
        && (!q || r.getAttribute('data-subject').toLowerCase().indexOf(q) >= 0);
      r.hidden = !ok; if (ok) { n++; }
    });
    shown.textContent = n + ' of ' + rows.length + ' shown';
  }
  [code, sev].forEach(function (e) { e.addEventListener('change', filter); });
  subj.addEventListener('input', filter);
  filter();
  var body = document.querySelector('#findings tbody');
  Array.prototype.forEach.call(document.querySelectorAll('#findings th'), function (th, col) {
    th.addEventListener('click', function () {
      var asc = th.getAttribute('data-dir') !== 'asc';
      th.setAttribute('data-dir', asc ? 'asc' : 'desc');
      var sorted = rows.slice().sort(function (a, b) {
        var x = a.children[col].textContent, y = b.children[col].textContent;
        return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
      });
      sorted.forEach(function (r) { body.appendChild(r); });
    });
  });
}());
