import { escapeHtml, type layoutColors } from '@hourglass/engine';
import type { Problem } from '@hourglass/documents';
import type { FormBody, FormField } from '@hourglass/api';
import type { EmailSettings } from './emailSettings.ts';
import { hostedShell } from './hostedPage.ts';

/**
 * The public pages of a form (`/f/:id`) and its confirmation (`/c/:token`) in the workspace's
 * look, like the unsubscribe page: no script at all, a plain form posting back to `/f/:id`,
 * and the honeypot `_hp` hidden by CSS (people never fill it; bots that fill every field do).
 */
export function formPage(settings: EmailSettings, id: string, form: FormBody, values: Record<string, unknown> = {}, problems: Problem[] = []): string {
  const messageOf = (name: string) => problems.find((p) => p.pointer === `/${name}`)?.message;
  const error = (name: string) => {
    const m = messageOf(name);
    return m ? `<p class="error" id="${escapeHtml(name)}-error">${escapeHtml(m)}</p>` : '';
  };
  const fields = form.fields.map((f) => fieldHtml(f, values[f.name], messageOf(f.name)) + error(f.name)).join('');
  const consentChecked = values.consent !== undefined && values.consent !== '' && values.consent !== false ? ' checked' : '';
  const summary = problems.length ? `<p class="error" role="alert">Please correct the ${problems.length === 1 ? 'field' : 'fields'} marked below.</p>` : '';
  const body = `<h1>${escapeHtml(form.name)}</h1>${summary}
<form method="post" action="/f/${encodeURIComponent(id)}" novalidate>
${fields}
<div class="hp" aria-hidden="true"><label for="_hp">Leave this empty</label><input type="text" id="_hp" name="_hp" tabindex="-1" autocomplete="off"></div>
<label class="check"><input type="checkbox" name="consent" value="on"${form.consent.required ? ' required' : ''}${consentChecked}> <span>${escapeHtml(form.consent.text)}</span></label>
${error('consent')}
<button type="submit" class="primary">Submit</button>
</form>`;
  return page(settings, form.name, body);
}

function fieldHtml(f: FormField, value: unknown, problem: string | undefined): string {
  const name = escapeHtml(f.name);
  const req = f.required || f.type === 'email' ? ' required' : '';
  const invalid = problem ? ` aria-invalid="true" aria-describedby="${name}-error"` : '';
  const label = `${escapeHtml(f.label)}${req ? ' *' : ''}`;
  const v = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  switch (f.type) {
    case 'checkbox':
      return `<label class="check"><input type="checkbox" id="f-${name}" name="${name}" value="on"${req}${value ? ' checked' : ''}${invalid}> <span>${label}</span></label>`;
    case 'select':
      return `<label for="f-${name}">${label}</label><select id="f-${name}" name="${name}"${req}${invalid}><option value="">Choose…</option>${(f.options ?? [])
        .map((o) => `<option${o === v ? ' selected' : ''}>${escapeHtml(o)}</option>`)
        .join('')}</select>`;
    default: {
      const type = f.type === 'email' ? 'email' : f.type === 'number' ? 'number' : 'text';
      const auto = f.type === 'email' ? ' autocomplete="email"' : '';
      return `<label for="f-${name}">${label}</label><input type="${type}" id="f-${name}" name="${name}" value="${escapeHtml(v)}"${auto}${req}${invalid}>`;
    }
  }
}

/** A page with a title and a message: thanks, confirmed, expired. */
export function messagePage(settings: EmailSettings, title: string, message: string): string {
  return page(settings, title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}

function page(settings: EmailSettings, title: string, body: string): string {
  const css = (c: ReturnType<typeof layoutColors>) => `label{display:block;margin:14px 0 4px;font-weight:600}
input[type=text],input[type=email],input[type=number],select{box-sizing:border-box;width:100%;font:inherit;padding:8px 10px;border:1px solid #d1d5db;border-radius:6px}
[aria-invalid=true]{border-color:#dc2626}
label.check{display:flex;gap:8px;align-items:flex-start;font-weight:400}
label.check input{margin-top:5px}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.error{color:#dc2626;margin:4px 0 0;font-size:14px}
button{font:inherit;border-radius:6px;padding:10px 18px;margin-top:20px;cursor:pointer;border:2px solid ${c.accent};background:${c.accent};color:#fff}`;
  return hostedShell(settings, title, css, body);
}
