import { connect, type Socket } from 'node:net';
import nodemailer from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared/index.js';
import { emailAddressError, parseSender } from '@hourglass/documents';

/** One email as it leaves: the outbox id travels as the Message-ID, so a receiver can spot a copy. */
export interface OutgoingMail {
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  /** The HTML part: with it the email leaves as multipart/alternative. */
  html?: string;
  /** Extra headers (List-Unsubscribe and List-Unsubscribe-Post of marketing email). */
  headers?: Record<string, string>;
}

/** Where the delivery loop hands emails; resolves once the server accepted the message. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** SMTP connections kept open to the server. */
const POOL_CONNECTIONS = 8;

/** The Message-ID of an outbox email. */
export const messageIdOf = (id: string) => `<${id}@hourglass.outbox>`;

type SocketCallback = (err: Error | null, socket?: { connection: Socket }) => void;

/**
 * Opens the TCP connection for nodemailer with Nagle's algorithm off: otherwise the end of each
 * message waits for the server's delayed ACK (about 40 ms a message). The socket is handed over
 * while still connecting, so a refused connection surfaces through nodemailer's own error path
 * (which keeps its pool usable) with the socket's `syscall: 'connect'`.
 */
function noDelaySocket(options: { host?: string; port?: number | string }, callback: SocketCallback) {
  callback(null, { connection: connect({ host: options.host || 'localhost', port: Number(options.port) || 587, noDelay: true }) });
}

/** SMTP delivery through nodemailer (`SMTP_URL`, e.g. `smtp://user:pass@mail.example.com:587`). */
export function smtpTransport(url: string): MailTransport {
  // A pool of a few kept-open connections: emails leave without a handshake each, several at
  // once (the delivery loop hands over a batch), so a round trip per SMTP command is not the
  // limit. Emails of a batch may arrive in any order. (nodemailer
  // ignores every other option given beside `url`, so the URL is parsed here and merged.)
  // Implicit TLS (smtps://) keeps nodemailer's own socket, which it wraps in TLS itself.
  const options = parseConnectionUrl(url);
  const transporter = nodemailer.createTransport({
    ...options,
    pool: true,
    maxConnections: POOL_CONNECTIONS,
    maxMessages: Infinity,
    ...(options.secure ? {} : { getSocket: noDelaySocket }),
  } as nodemailer.TransportOptions);
  return {
    async send(mail) {
      // Addresses go to nodemailer as parsed objects with an explicit envelope, so it never
      // parses a list out of a string: exactly one sender and one recipient reach the server.
      const sender = parseSender(mail.from);
      if (!sender.ok) throw new Error(`Not sent: ${sender.error}`);
      const toError = emailAddressError(mail.to);
      if (toError) throw new Error(`Not sent: ${toError}`);
      const { name, address } = sender.sender;
      await transporter.sendMail({
        from: { name: name ?? '', address },
        to: { name: '', address: mail.to },
        subject: mail.subject,
        text: mail.text,
        ...(mail.html !== undefined ? { html: mail.html } : {}),
        // Named, not guessed: nodemailer's guess ran two regular expressions over every part of
        // every email (a sixth of a delivery's CPU); quoted-printable is what it picks for Latin text.
        textEncoding: 'quoted-printable',
        envelope: { from: address, to: [mail.to] },
        // Our own header values are written as they are (prepared), so nodemailer does not
        // re-encode the <URL> of List-Unsubscribe; the values hold no line breaks.
        messageId: messageIdOf(mail.id),
        headers: {
          'X-Hourglass-Email': mail.id,
          ...Object.fromEntries(Object.entries(mail.headers ?? {}).map(([k, v]) => [k, { prepared: true, value: v.replace(/[\r\n]/g, '') }])),
        },
      });
    },
    close: () => transporter.close(),
  };
}
