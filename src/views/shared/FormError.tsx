/** A form's error, announced at once, on a line of its own; nothing when there is none. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="basis-full text-sm text-red-800 dark:text-red-300">
      {message}
    </p>
  );
}
