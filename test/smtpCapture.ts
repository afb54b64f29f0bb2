// A real SMTP server (the smtp-server package) on 127.0.0.1 that keeps every message it accepts.
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  raw: string;
}

/** Reads one header of a raw message (unfolded). */
function header(raw: string, name: string): string {
  // Only the header block is read (splitting the whole message cost the benchmark's sink a third of its time).
  const end = raw.search(/\r?\n\r?\n/);
  const head = (end < 0 ? raw : raw.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  return head.match(new RegExp(`^${name}:\\s*(.*)$`, 'im'))?.[1]?.trim() ?? '';
}

/** Starts the SMTP server; `url` is the SMTP_URL for Hourglass. */
export async function startSmtpCapture() {
  const mails: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({
          messageId: header(raw, 'Message-ID'),
          subject: header(raw, 'Subject'),
          raw,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        });
        callback();
      });
    },
  });
  // A server killed with -9 mid-session resets its connection: expected in the crash tests, and
  // without a listener the reset would be an uncaught error of whichever test runs next.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
