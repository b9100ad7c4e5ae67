/** The head of a table of numbers: one heading for each column, read out with each cell. */

export function ColumnHeadings({ names }: { names: string[] }) {
  return (
    <thead>
      <tr>
        {names.map((name) => (
          <th key={name} scope="col">
            {name}
          </th>
        ))}
      </tr>
    </thead>
  );
}
