/** The part of a problem's pointer inside its node: "/nodes/3/config/timeout" → "/config/timeout". */
export function relativePointer(pointer: string): string {
  return pointer.replace(/^\/nodes\/\d+/, '');
}
