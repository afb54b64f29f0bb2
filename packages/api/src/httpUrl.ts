import { z } from 'zod';

/** A full http(s) address of at most 2,000 characters; the message shows `example`. */
export const httpUrl = (example: string) =>
  z
    .string()
    .max(2000)
    .refine((s) => {
      try {
        const u = new URL(s);
        return u.protocol === 'https:' || u.protocol === 'http:';
      } catch {
        return false;
      }
    }, `Write a full http(s) address, like "${example}".`);
