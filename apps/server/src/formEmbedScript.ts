import type { FormBody } from '@hourglass/api';

/**
 * `GET /f/:id/embed.js`: a script another site includes with
 * `<script src="PUBLIC/f/ID/embed.js" async></script>`. It carries the form's public
 * definition (fields, labels, consent text; nothing about contacts), builds the form's DOM
 * after its own tag (or inside the element of `data-target`), and posts JSON to `PUBLIC/f/ID`,
 * which allows any origin. Text goes in through textContent only, never as HTML.
 */
export function formEmbedScript(action: string, form: FormBody): string {
  const def = { action, name: form.name, fields: form.fields, consent: form.consent, redirect: form.redirect ?? null };
  // "<" escaped: the JSON is safe even if someone pastes the script inline.
  const json = JSON.stringify(def).replace(/</g, '\\u003c');
  return `(function () {
  'use strict';
  var def = ${json};
  var me = document.currentScript;
  var target = me && me.getAttribute('data-target') ? document.querySelector(me.getAttribute('data-target')) : null;
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }
  var uid = 'hg' + Math.random().toString(36).slice(2, 8);
  var form = el('form', { 'class': 'hourglass-form', novalidate: '' });
  var errors = {};
  function errorSlot(name) { var p = el('p', { 'class': 'hourglass-error', role: 'alert' }); p.style.color = '#dc2626'; errors[name] = p; return p; }
  def.fields.forEach(function (f) {
    var id = uid + '-' + f.name;
    var req = f.required || f.type === 'email';
    var wrap = el('div', { 'class': 'hourglass-field' });
    if (f.type === 'checkbox') {
      var lab = el('label', {});
      var box = el('input', { type: 'checkbox', name: f.name, value: 'on', id: id });
      lab.appendChild(box); lab.appendChild(document.createTextNode(' ' + f.label + (req ? ' *' : '')));
      wrap.appendChild(lab);
    } else {
      wrap.appendChild(el('label', { 'for': id }, f.label + (req ? ' *' : '')));
      var input;
      if (f.type === 'select') {
        input = el('select', { name: f.name, id: id });
        input.appendChild(el('option', { value: '' }, 'Choose…'));
        (f.options || []).forEach(function (o) { input.appendChild(el('option', { value: o }, o)); });
      } else {
        input = el('input', { type: f.type === 'email' ? 'email' : f.type === 'number' ? 'number' : 'text', name: f.name, id: id });
      }
      input.style.display = 'block';
      wrap.appendChild(input);
    }
    wrap.appendChild(errorSlot(f.name));
    form.appendChild(wrap);
  });
  var hp = el('input', { type: 'text', name: '_hp', tabindex: '-1', autocomplete: 'off', 'aria-hidden': 'true' });
  hp.style.cssText = 'position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden';
  form.appendChild(hp);
  var consentLabel = el('label', {});
  consentLabel.appendChild(el('input', { type: 'checkbox', name: 'consent', value: 'on' }));
  consentLabel.appendChild(document.createTextNode(' ' + def.consent.text));
  form.appendChild(consentLabel);
  form.appendChild(errorSlot('consent'));
  var status = el('p', { 'class': 'hourglass-status', role: 'status' });
  var button = el('button', { type: 'submit' }, 'Submit');
  form.appendChild(button);
  form.appendChild(status);
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var body = {};
    Array.prototype.forEach.call(form.elements, function (e) {
      if (!e.name) return;
      if (e.type === 'checkbox') { if (e.checked) body[e.name] = 'on'; } else body[e.name] = e.value;
    });
    Object.keys(errors).forEach(function (k) { errors[k].textContent = ''; });
    status.textContent = '';
    button.disabled = true;
    fetch(def.action, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) { return r.json().catch(function () { return {}; }).then(function (b) { return { status: r.status, body: b }; }); })
      .then(function (a) {
        button.disabled = false;
        if (a.status === 202) {
          if (def.redirect) { window.location.href = def.redirect; return; }
          form.replaceChildren(el('p', { 'class': 'hourglass-thanks' }, a.body.status === 'confirmation-sent'
            ? 'Thank you! Please confirm through the link we sent to your email address.' : 'Thank you!'));
          return;
        }
        (a.body.problems || []).forEach(function (p) {
          var slot = errors[String(p.pointer || '').slice(1)];
          if (slot) slot.textContent = p.message;
        });
        status.textContent = a.body.error || 'Sending failed; please try again.';
      }, function () { button.disabled = false; status.textContent = 'Sending failed; please try again.'; });
  });
  if (target) target.appendChild(form);
  else if (me && me.parentNode) me.parentNode.insertBefore(form, me.nextSibling);
  else document.body.appendChild(form);
})();
`;
}
