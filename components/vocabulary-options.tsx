/** The `<option>`s of a closed vocabulary (grant actions, roles, kinds…), each under its label, in the vocabulary's order. */
export function VocabularyOptions<TValue extends string>({
  values,
  labels,
}: {
  values: readonly TValue[];
  labels: Record<TValue, string>;
}) {
  return values.map((value) => (
    <option key={value} value={value}>
      {labels[value]}
    </option>
  ));
}
