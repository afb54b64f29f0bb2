import { z } from 'zod';

/**
 * A note on a flow's canvas: text the marketer leaves beside the steps ("ask sales about the DACH
 * routing"). Not part of the flow document (spec §2 has no place for it, and the compiler and
 * engine never see it): kept with the flow by `GET/PUT /api/flows/{id}/notes`.
 * The id has a colon, which no node id may have, so a note and a step never share an id.
 */
export const CanvasNote = z.strictObject({
  id: z.string().regex(/^note:[0-9]{1,9}$/, 'A note id is "note:" and a number.'),
  text: z.string().max(5000, 'A note is at most 5,000 characters.'),
  position: z.strictObject({ x: z.number(), y: z.number() }),
});
export type CanvasNote = z.infer<typeof CanvasNote>;

/** The notes of one flow's canvas, all at once (the editor saves them as a whole). */
export const FlowNotes = z.strictObject({ notes: z.array(CanvasNote).max(500, 'A flow has at most 500 notes.') });
export type FlowNotes = z.infer<typeof FlowNotes>;
