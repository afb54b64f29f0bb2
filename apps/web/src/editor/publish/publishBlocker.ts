/**
 * Why the draft cannot be published now, in a sentence, or null when it can: errors first, then
 * a draft that is the live version again (the server refuses it too, with reason "unchanged").
 */
export function publishBlocker({ errorCount, unchangedSince }: { errorCount: number; unchangedSince: number | null }): string | null {
  if (errorCount > 0) return `Fix the ${errorCount} error${errorCount === 1 ? '' : 's'} in the problems panel first.`;
  if (unchangedSince !== null) return `Nothing changed since version ${unchangedSince}: change the flow to publish a new version.`;
  return null;
}
