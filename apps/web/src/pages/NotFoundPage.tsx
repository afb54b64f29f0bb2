import { ErrorState } from '../components/ErrorState.tsx';

/** Any address the app does not know. */
export function NotFoundPage() {
  return (
    <div className="hg-page">
      <ErrorState title="Page not found" message="There is nothing at this address." />
    </div>
  );
}
