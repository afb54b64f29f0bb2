import type { SampleOutcome } from './moveSample.ts';

/** An instant as a marketer reads it, in the flow's time zone: "Tue 3 Mar, 09:00". */
export function readableInstant(at: number, timezone: string): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: timezone }).format(
    new Date(at),
  );
}

/**
 * What a migration changes for one sampled contact, in a sentence: the next email it gets staying
 * on the old version against moved ("Anna would now get “Case study” on Tue 3 Mar, 09:00 instead of
 * “Nudge” on Thu 5 Mar, 09:00"), or that it leaves the flow.
 */
export function moveSummary(name: string, at: number, before: SampleOutcome, after: SampleOutcome, timezone: string): string {
  const when = (t: number) => readableInstant(t, timezone);
  const sent = (o: SampleOutcome) => o.emails.filter((m) => m.kind === 'marketing' && !m.suppressed);
  const [b] = sent(before);
  const [a] = sent(after);
  const instead = b ? ` instead of getting “${b.subject}” on ${when(b.at)}` : '';
  if (after.status !== 'active' && after.endedAt === at && after.steps.length === 0) {
    return after.status === 'goal'
      ? `${name} already meets the goal of the new version and would leave the flow now${instead}.`
      : `${name} would leave the flow now${instead}.`;
  }
  let sentence: string;
  if (!a && !b) sentence = `${name} gets no more emails either way`;
  else if (!a) sentence = `${name} would no longer get “${b!.subject}” on ${when(b!.at)}`;
  else if (!b) sentence = `${name} would now get “${a.subject}” on ${when(a.at)}, where the current version sends nothing more`;
  else if (a.subject === b.subject && a.at === b.at) sentence = `No change for ${name}: “${a.subject}” on ${when(a.at)}`;
  else if (a.subject === b.subject) sentence = `${name} would get “${a.subject}” on ${when(a.at)} instead of ${when(b.at)}`;
  else sentence = `${name} would now get “${a.subject}” on ${when(a.at)} instead of “${b.subject}” on ${when(b.at)}`;
  const [nb, na] = [sent(before).length, sent(after).length];
  if (nb !== na) sentence += ` (${na} ${na === 1 ? 'email' : 'emails'} from now on instead of ${nb})`;
  return `${sentence}.`;
}
