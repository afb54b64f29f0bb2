import { useMemo, useState } from 'react';
import { EmailFrame, EmailWidthSwitch, type EmailWidth } from '../../preview/EmailFrame.tsx';
import { inertEmailHtml } from '../../preview/inertEmailHtml.ts';

/**
 * One email of the mailbox: the HTML part as sent, at desktop or phone width, in a sandbox
 * without scripts and without its open pixel and live links (reading it is not the contact
 * engaging), then the text part.
 */
export function SentEmail({ subject, html, text }: { subject: string; html?: string | null; text: string }) {
  const [width, setWidth] = useState<EmailWidth>('desktop');
  const shown = useMemo(() => (html ? inertEmailHtml(html) : undefined), [html]);
  return (
    <div className="hg-sent-email">
      {shown && (
        <>
          <EmailWidthSwitch width={width} onChange={setWidth} />
          <EmailFrame title={`HTML of ${subject}`} width={width} html={shown} />
        </>
      )}
      <pre className="hg-email-body">{text}</pre>
    </div>
  );
}
