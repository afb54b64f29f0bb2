import { Link } from 'react-router-dom';

/** A failure in words, with a way back. */
export function ErrorState({ title, message }: { title: string; message: string }) {
  return (
    <div className="hg-empty" role="alert">
      <h2>{title}</h2>
      <p>{message}</p>
      <p>
        <Link to="/">Back to all flows</Link>
      </p>
    </div>
  );
}
