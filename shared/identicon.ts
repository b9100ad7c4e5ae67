/**
 * An author's identicon, from the seed their comments carry: a 5×5 grid mirrored about its
 * middle column, in which 15 of the seed's bits say which cells are filled and 12 others give
 * the colour's hue. Drawn by the widget and by the server's HTML alike.
 */
export function identicon(seed: string): { cells: string; fill: string } {
  const bits = Number.parseInt(seed.slice(0, 8), 16);
  let cells = '';
  for (let cell = 0; cell < 15; cell++) {
    if ((bits >> cell) & 1) {
      const x = cell % 3;
      const y = (cell / 3) | 0;
      cells += `M${x} ${y}h1v1h-1zM${4 - x} ${y}h1v1h-1z`;
    }
  }
  return { cells, fill: `hsl(${Number.parseInt(seed.slice(8, 11), 16) % 360} 50% 45%)` };
}
