// The transport names the transfer encoding itself (quoted-printable) instead of letting
// nodemailer guess per part: text in any script must still arrive intact through a real server.
import { afterEach, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { smtpTransport } from '../apps/server/src/smtpTransport.ts';
import { startSmtpCapture } from './smtpCapture.ts';

let smtp: Awaited<ReturnType<typeof startSmtpCapture>> | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

describe('the transfer encoding of sent email', () => {
  it('sends text in any script quoted-printable, and it arrives as written', async () => {
    smtp = await startSmtpCapture();
    const transport = smtpTransport(smtp.url);
    const text = `Grüße, Ёжик, 東京の天気は晴れ 🌤 — ${'a long line without a break '.repeat(20)}\n.\n..leading dots stay`;
    const html = `<p>${text.replaceAll('\n', '<br>')}</p>`;
    await transport.send({ id: 'x1', from: 'Acme <news@acme.example>', to: 'anna@example.com', subject: 'Grüße aus 東京', text, html });
    transport.close();
    const [mail] = smtp.mails;
    expect(mail!.raw.match(/^Content-Transfer-Encoding: .*$/gm)).toEqual([
      'Content-Transfer-Encoding: quoted-printable',
      'Content-Transfer-Encoding: quoted-printable',
    ]);
    // Quoted-printable keeps every line within SMTP's limit.
    expect(Math.max(...mail!.raw.split('\r\n').map((l) => l.length))).toBeLessThanOrEqual(78);
    const parsed = await simpleParser(mail!.raw);
    expect(parsed.subject).toBe('Grüße aus 東京');
    expect(parsed.text).toBe(text);
    expect(parsed.html).toBe(html);
  });
});
