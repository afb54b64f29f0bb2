import { useEffect, useRef, useState } from 'react';

/** The widths a mail client lays an email out at: a desktop reading pane and a phone. */
export const EMAIL_WIDTHS = { desktop: 640, phone: 375 } as const;
export type EmailWidth = keyof typeof EMAIL_WIDTHS;
const HEIGHT = 560;

/**
 * An email's HTML in a sandbox without scripts, laid out at the true width of a desktop or a
 * phone (so the layout's media query applies as on the device) and scaled down to fit a panel
 * narrower than that.
 */
export function EmailFrame({ html, title, width }: { html: string; title: string; width: EmailWidth }) {
  const box = useRef<HTMLDivElement>(null);
  const [room, setRoom] = useState<number>(EMAIL_WIDTHS.desktop);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setRoom(entry!.contentRect.width));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const px = EMAIL_WIDTHS[width];
  // The frame's content is `px` wide; its border adds one pixel each side.
  const scale = room > 0 && room < px + 2 ? room / (px + 2) : 1;
  return (
    <div ref={box} className="hg-preview__frame" style={{ height: (HEIGHT + 2) * scale }} data-width={width}>
      <iframe
        title={title}
        className="hg-preview__html"
        sandbox=""
        srcDoc={html}
        style={{ width: px, height: HEIGHT, transform: scale < 1 ? `scale(${scale})` : undefined }}
      />
    </div>
  );
}

/** Desktop and phone buttons for an `EmailFrame`. */
export function EmailWidthSwitch({ width, onChange }: { width: EmailWidth; onChange: (w: EmailWidth) => void }) {
  return (
    <div className="hg-row" role="group" aria-label="Preview width">
      {(['desktop', 'phone'] as const).map((w) => (
        <button key={w} type="button" className={`hg-chip${width === w ? ' is-on' : ''}`} aria-pressed={width === w} onClick={() => onChange(w)}>
          {w === 'desktop' ? 'Desktop' : 'Phone'} <span style={{ opacity: 0.7 }}>{EMAIL_WIDTHS[w]} px</span>
        </button>
      ))}
    </div>
  );
}
