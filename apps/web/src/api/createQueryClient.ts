import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './apiClient.ts';
import { markSignedOut } from './signedOut.ts';

const onError = (e: unknown) => {
  if (e instanceof ApiError && e.status === 401) markSignedOut();
};

/** The app's query client: no retries for answers that will not change (4xx), sign-out on 401. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        retry: (count, e) => !(e instanceof ApiError && e.status >= 400 && e.status < 500) && count < 2,
      },
    },
  });
}
