/**
 * Comments per day as an inline SVG bar chart, with a summary in words and the numbers in a
 * table for anyone who cannot see the bars. No inline styles: the page's CSP forbids them.
 */
import { say } from '../say.ts';
import { ColumnHeadings } from './ColumnHeadings.tsx';

interface DailyChartProps {
  /** Oldest first. */
  days: { day: string; count: number }[];
}

const BAR_SLOT = 10;
const BAR_WIDTH = 8;
const HEIGHT = 120;

// The days are calendar dates (YYYY-MM-DD), not instants: shown in UTC so none shifts by one.
const dayFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dayFormat.format(date);
}

export function DailyChart({ days }: DailyChartProps) {
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return <p>{say('noDays')}</p>;
  const total = days.reduce((sum, { count }) => sum + count, 0);
  const busiest = days.reduce((best, day) => (day.count > best.count ? day : best), first);
  const max = Math.max(1, busiest.count);
  const width = days.length * BAR_SLOT;
  const span = { first: formatDay(first.day), last: formatDay(last.day) };
  const summary =
    total === 0
      ? say('noneFromTo', span)
      : say('summary', {
          ...span,
          total: say('commentCount', { n: total }),
          busiest: formatDay(busiest.day),
          most: say('commentCount', { n: busiest.count }),
        });

  return (
    <figure class="daily-chart">
      <svg
        viewBox={`0 0 ${width} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-labelledby="daily-chart-title"
        aria-describedby="daily-chart-summary"
      >
        <title id="daily-chart-title">{say('chartTitle', { n: days.length })}</title>
        <line class="baseline" x1="0" y1={HEIGHT} x2={width} y2={HEIGHT} />
        {days.map(({ day, count }, index) => {
          const height = (count / max) * (HEIGHT - 4);
          return (
            <rect
              key={day}
              class="bar"
              x={index * BAR_SLOT + (BAR_SLOT - BAR_WIDTH) / 2}
              y={HEIGHT - height}
              width={BAR_WIDTH}
              height={height}
            >
              <title>{say('dayCount', { day: formatDay(day), n: count })}</title>
            </rect>
          );
        })}
      </svg>
      <p class="axis" aria-hidden="true">
        <span>{formatDay(first.day)}</span>
        <span>{say('mostADay', { n: busiest.count })}</span>
        <span>{formatDay(last.day)}</span>
      </p>
      <figcaption id="daily-chart-summary">{summary}</figcaption>
      <details>
        <summary>{say('numbers')}</summary>
        <table class="per-day">
          <ColumnHeadings names={[say('day'), say('commentsColumn')]} />
          <tbody>
            {days.map(({ day, count }) => (
              <tr key={day}>
                <td>
                  <time dateTime={day}>{formatDay(day)}</time>
                </td>
                <td>{count.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
