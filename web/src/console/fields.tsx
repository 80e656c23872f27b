import type { ComponentChildren, JSX } from 'preact';
import { Form } from '../common/form.tsx';

/** The console's form controls, each under its own `<label>` (named by `for`), in the `.field` layout. */
interface FieldProps {
  id: string;
  label: ComponentChildren;
  /** Takes the toolbar's spare width (a search or a list of domains). */
  grow?: boolean;
  /** Another class beside `field` (the frame's org switcher). */
  class?: string;
}

const fieldClass = (grow: boolean | undefined, extra: string | undefined) => ['field', grow && 'grow', extra].filter(Boolean).join(' ');

/** A select; the caller gives its options. */
export function SelectField(props: FieldProps & { value: string; onValue: (value: string) => void; disabled?: boolean; children: ComponentChildren }) {
  return (
    <div class={fieldClass(props.grow, props.class)}>
      <label for={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} disabled={props.disabled} onChange={(e) => props.onValue(e.currentTarget.value)}>
        {props.children}
      </select>
    </div>
  );
}

type InputAttributes = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'label' | 'value' | 'onInput' | 'class'>;

/**
 * An input; a `hint` stands between the label and the input and describes it (`aria-describedby`),
 * so a screen reader reads it with the field. Any other attribute goes to the input as given.
 */
export function InputField({
  id,
  label,
  grow,
  class: extra,
  hint,
  value,
  onValue,
  ...input
}: FieldProps & InputAttributes & { hint?: string; value: string; onValue: (value: string) => void }) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div class={fieldClass(grow, extra)}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
      <input id={id} {...input} aria-describedby={hintId ?? input['aria-describedby']} value={value} onInput={(e) => onValue(e.currentTarget.value)} />
    </div>
  );
}

/** One checkbox an item (a team, a product), ticking or unticking its key in the chosen set. */
export function CheckList(props: {
  items: readonly { key: string; name: string }[];
  chosen: ReadonlySet<string>;
  disabled?: boolean;
  onChange: (chosen: Set<string>) => void;
}) {
  return (
    <>
      {props.items.map((item) => (
        <label key={item.key} class="check">
          <input
            type="checkbox"
            checked={props.chosen.has(item.key)}
            disabled={props.disabled}
            onChange={(e) => {
              const next = new Set(props.chosen);
              if (e.currentTarget.checked) next.add(item.key);
              else next.delete(item.key);
              props.onChange(next);
            }}
          />{' '}
          {item.name}
        </label>
      ))}
    </>
  );
}

/** A form laid out as a toolbar, submitted in the page (Apply, or Enter in a field) without navigating. */
export function ToolbarForm(props: { label?: string; class?: string; onSend: () => void; children: ComponentChildren }) {
  return (
    <Form class={props.class ? `toolbar ${props.class}` : 'toolbar'} aria-label={props.label} onSend={props.onSend}>
      {props.children}
    </Form>
  );
}

/** The button under a list that asks for its next page. */
export function ShowMore(props: { busy: boolean; onMore: () => void; children: ComponentChildren }) {
  return (
    <p>
      <button type="button" class="secondary" disabled={props.busy} onClick={props.onMore}>
        {props.children}
      </button>
    </p>
  );
}

/** A textarea as wide as its form, under its label and a hint that describes it. */
export function TextareaWithHint(props: {
  id: string;
  label: ComponentChildren;
  hint: string;
  value: string;
  onValue: (value: string) => void;
  disabled?: boolean;
}) {
  const hintId = `${props.id}-hint`;
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <p class="hint" id={hintId}>
        {props.hint}
      </p>
      <textarea id={props.id} aria-describedby={hintId} value={props.value} disabled={props.disabled} onInput={(e) => props.onValue(e.currentTarget.value)} />
    </>
  );
}
