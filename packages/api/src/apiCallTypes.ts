import type { z } from 'zod';
import type { ApiRouteName, ApiRoutes } from './apiRoutes.ts';

// The types of a call to one route of the table, for clients: what it needs and what it answers.

type PathParams<P extends string> = P extends `${string}{${infer K}}${infer Rest}` ? K | PathParams<Rest> : never;
type Route<N extends ApiRouteName> = ApiRoutes[N];

/** The path parameters of a route (`{id}` in its path), by name. */
export type ApiParams<N extends ApiRouteName> = Record<PathParams<Route<N>['path']>, string | number>;
/** The JSON body a route takes (what is sent: before defaults and coercions). */
export type ApiBody<N extends ApiRouteName> = Route<N> extends { body: z.ZodType } ? z.input<Route<N>['body']> : never;
/** The query parameters a route understands. */
export type ApiQuery<N extends ApiRouteName> =
  Route<N> extends { query: Record<string, string> } ? Partial<Record<keyof Route<N>['query'], string | number | boolean>> : never;
/** What a route answers on success (nothing for 204). */
export type ApiAnswer<N extends ApiRouteName> = Route<N> extends { answer: z.ZodType } ? z.output<Route<N>['answer']> : void;

/** Everything a call needs: required parts are required, parts a route does not take are refused. */
export type ApiCallOptions<N extends ApiRouteName> = ([PathParams<Route<N>['path']>] extends [never] ? { params?: never } : { params: ApiParams<N> }) &
  (Route<N> extends { body: z.ZodType } ? { body: ApiBody<N> } : { body?: never }) &
  (Route<N> extends { rawBody: string } ? { raw: string } : { raw?: never }) &
  (Route<N> extends { query: Record<string, string> } ? { query?: ApiQuery<N> } : { query?: never }) & { signal?: AbortSignal };
