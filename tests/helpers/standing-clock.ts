/** A clock for buildApp's `clock` that stands still until the test moves it on or sets it. */
export function standingClock(start = '2025-03-01T12:00:00.000Z') {
  let now = Date.parse(start);
  return {
    clock: () => new Date(now),
    moveOn: (ms: number) => {
      now += ms;
    },
    at: (time: string) => {
      now = Date.parse(time);
    },
  };
}
