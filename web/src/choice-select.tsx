/**
 * A labelled select over a fixed list of string choices: each shown by `optionLabel`, and the value
 * narrowed back to the list's type (a value not in the list keeps the current one).
 */
export function ChoiceSelect<T extends string>(props: {
  readonly label: string;
  readonly name: string;
  readonly value: T;
  readonly choices: ReadonlyArray<T>;
  readonly optionLabel: (choice: T) => string;
  readonly onChange: (choice: T) => void;
}) {
  return (
    <label>
      {props.label}
      <select
        name={props.name}
        value={props.value}
        onChange={(e) => props.onChange(props.choices.find((c) => c === e.target.value) ?? props.value)}
      >
        {props.choices.map((c) => (
          <option key={c} value={c}>
            {props.optionLabel(c)}
          </option>
        ))}
      </select>
    </label>
  );
}
