/** A guard for answers that arrive out of order: each `begin()` starts a
 * new request and returns a check that stays true only while no later
 * request has begun. A slow answer to an old query must not overwrite the
 * answer to the query the user typed since. */
export function latestOnly(): { begin: () => () => boolean } {
  let ticket = 0;
  return {
    begin() {
      const mine = ++ticket;
      return () => mine === ticket;
    },
  };
}
