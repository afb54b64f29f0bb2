import type { Problem } from '@hourglass/documents';
import { friendlyMessage } from '../../problems/friendlyMessage.ts';

/** The messages of the problems at a JSON pointer; `exact` leaves deeper ones to deeper fields. */
export type MessagesAt = (pointer: string, exact?: boolean) => string[];

/**
 * A lookup of problems by pointer, relative to a base (a node's "/nodes/3", or "" for the whole
 * document). Fields take the lookup rather than the store so that the scoring page can reuse them.
 */
export function messagesAt(problems: readonly Problem[], belongs: (p: Problem) => string | null): MessagesAt {
  const located = problems.flatMap((p) => {
    const at = belongs(p);
    return at === null ? [] : [{ at, message: friendlyMessage(p) }];
  });
  return (pointer, exact = false) =>
    located.filter(({ at }) => (exact ? at === pointer : at === pointer || at.startsWith(`${pointer}/`))).map((l) => l.message);
}
