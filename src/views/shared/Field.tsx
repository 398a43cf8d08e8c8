import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

/** The look every form control shares (inputs and selects). */
export const CONTROL_CLASS =
  'rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900';

/**
 * A labelled form control: the label above, the control below. `children` gets the id the
 * label points at, so the control is named by its label.
 */
export function Field({
  label,
  className = '',
  children,
}: {
  label: ReactNode;
  className?: string;
  children: (id: string) => ReactNode;
}) {
  const id = useId();
  return (
    <div className={`flex flex-col ${className}`.trim()}>
      <label htmlFor={id} className="text-xs font-medium">
        {label}
      </label>
      {children(id)}
    </div>
  );
}

/**
 * A labelled single input: `Field` around an `<input>` (`className`, the control's look,
 * defaults to `CONTROL_CLASS`); other attributes go to the input as they are.
 */
export function InputField({
  label,
  fieldClassName,
  className = CONTROL_CLASS,
  onValue,
  ...input
}: {
  label: ReactNode;
  fieldClassName?: string;
  className?: string;
  onValue: (value: string) => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'className'>) {
  return (
    <Field label={label} {...(fieldClassName !== undefined ? { className: fieldClassName } : {})}>
      {(id) => <input id={id} {...input} onChange={(e) => onValue(e.target.value)} className={className} />}
    </Field>
  );
}
