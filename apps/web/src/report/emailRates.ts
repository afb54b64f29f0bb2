import type { EmailReport } from '@hourglass/api';

/**
 * An email step's numbers as the report page and the canvas show them. Reached: contacts that
 * reached the step. Sent: emails handed to the mail server (accepted or refused for good; emails
 * still waiting in the outbox are not counted yet). Delivered: accepted by the mail server.
 * Opens, clicks and unsubscribes are rates of the delivered emails; click-to-open is unique
 * clicks of unique opens.
 */
export interface EmailNumbers {
  reached: number;
  sent: number;
  delivered: number;
  suppressed: number;
  failed: number;
  uniqueOpened: number;
  uniqueClicked: number;
  unsubscribed: number;
}

export function emailNumbers(e: EmailReport, reached: number): EmailNumbers {
  return {
    reached,
    sent: e.sent + e.undelivered,
    delivered: e.sent,
    suppressed: e.suppressed,
    failed: e.failed,
    uniqueOpened: e.uniqueOpened,
    uniqueClicked: e.uniqueClicked,
    unsubscribed: e.unsubscribed,
  };
}

/** Rates as fractions (null when there is nothing to divide by). */
export function emailRates(n: EmailNumbers) {
  const of = (part: number, whole: number) => (whole > 0 ? part / whole : null);
  return {
    sent: of(n.sent, n.reached),
    delivered: of(n.delivered, n.sent),
    opened: of(n.uniqueOpened, n.delivered),
    clicked: of(n.uniqueClicked, n.delivered),
    clickToOpen: of(n.uniqueClicked, n.uniqueOpened),
    unsubscribed: of(n.unsubscribed, n.delivered),
  };
}
