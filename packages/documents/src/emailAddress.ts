import { z } from 'zod';

// Addresses go into SMTP commands and mail headers, so anything beyond exactly one plain address
// could add recipients: a comma list, a group ("undisclosed:a@x,b@y;"), a CR/LF that starts a new
// header ("\r\nBcc: ..."). Only a deliberately narrow form is accepted: a dot-atom local part, `@`,
// a host name of ASCII labels with at least one dot or exactly `localhost` (the default sender of
// a server without its own domain). Quoted local parts, address literals ([127.0.0.1]) and
// internationalised addresses are refused; a domain with non-ASCII letters is written in its
// xn-- form.

export const MAX_LOCAL_PART = 64;
export const MAX_ADDRESS = 254;
export const MAX_DISPLAY_NAME = 100;

const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LOCAL_PART = new RegExp(`^${ATOM}(\\.${ATOM})*$`);
const LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
/** A display name: printable text without the characters that end or split an address header. */
const DISPLAY_NAME = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029"\\<>@,;:]+$/u;

const quote = (s: string) => JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s);

/** Why `s` is not exactly one plain email address, or null when it is one. */
export function emailAddressError(s: string): string | null {
  const bad = (why: string) => `${quote(s)} is not one email address: ${why}`;
  if (/[\u0000-\u001f\u007f]/.test(s)) return bad('it contains a line break or another control character.');
  if (/[,;]/.test(s)) return bad('write a single address, without commas or semicolons.');
  if (/[<>"():\s]/.test(s)) return bad('write the bare address, like "anna@example.com", without a name, quotes, brackets or spaces.');
  if (s.length > MAX_ADDRESS) return bad(`an address is at most ${MAX_ADDRESS} characters.`);
  const at = s.lastIndexOf('@');
  if (at < 0 || s.indexOf('@') !== at) return bad('it needs exactly one "@", like "anna@example.com".');
  const local = s.slice(0, at);
  const domain = s.slice(at + 1);
  if (local.length === 0 || local.length > MAX_LOCAL_PART) return bad(`the part before "@" has 1 to ${MAX_LOCAL_PART} characters.`);
  if (!LOCAL_PART.test(local)) return bad('the part before "@" has letters, digits, dots (not two in a row, not at either end) and !#$%&\'*+/=?^_`{|}~-.');
  const labels = domain.split('.');
  if (!labels.every((l) => LABEL.test(l))) return bad('the part after "@" is a domain of letters, digits and hyphens, like "example.com".');
  if (labels.length < 2 && domain.toLowerCase() !== 'localhost') return bad('the domain needs a dot, like "example.com" (or is "localhost").');
  return null;
}

/** A sender: an address, optionally with a display name ("Acme Sales <sales@acme.com>"). */
export interface Sender {
  name?: string;
  address: string;
}

const NAMED = /^([^<>]*?)\s*<([^<>]*)>$/s;

/** The sender `s` ("addr" or "Name <addr>"), or the sentence why it is not one. */
export function parseSender(s: string): { ok: true; sender: Sender } | { ok: false; error: string } {
  const named = NAMED.exec(s);
  if (!named) {
    const error = emailAddressError(s);
    return error ? { ok: false, error: error.replace('without a name, quotes', 'or "Name <address>", without quotes') } : { ok: true, sender: { address: s } };
  }
  const name = named[1]!.trim();
  const address = named[2]!;
  const error = emailAddressError(address);
  if (error) return { ok: false, error };
  if (name === '') return { ok: true, sender: { address } };
  if (name.length > MAX_DISPLAY_NAME || !DISPLAY_NAME.test(name)) {
    return {
      ok: false,
      error: `${quote(name)} is not a sender name: at most ${MAX_DISPLAY_NAME} characters, without line breaks, quotes, backslashes or any of < > @ , ; :.`,
    };
  }
  return { ok: true, sender: { name, address } };
}

/** Why `s` is not a sender, or null when it is one. */
export const senderError = (s: string): string | null => {
  const r = parseSender(s);
  return r.ok ? null : r.error;
};

const checked = (test: (s: string) => string | null) =>
  z.string().superRefine((value, ctx) => {
    const error = test(value);
    if (error) ctx.addIssue({ code: 'custom', message: error, params: { code: 'bad-address' } });
  });

/** Exactly one plain email address (a contact's email, an owner): see emailAddressError. */
export const EmailAddress = checked(emailAddressError).meta({
  description: `One email address, like "anna@example.com": no name, no list; at most ${MAX_ADDRESS} characters, ${MAX_LOCAL_PART} before the "@"; the domain has a dot or is "localhost".`,
});
export type EmailAddress = z.infer<typeof EmailAddress>;

/** A sender: one email address, optionally as "Display Name <address>". */
export const SenderAddress = checked(senderError).meta({
  description: 'One email address, optionally with a display name: "sales@acme.com" or "Acme Sales <sales@acme.com>".',
});
export type SenderAddress = z.infer<typeof SenderAddress>;
