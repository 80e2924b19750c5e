// The legal date of an instant: dates with legal meaning (received, due, published) are China calendar dates,
// Asia/Shanghai. One formatter for the process — building an Intl.DateTimeFormat costs tens of microseconds,
// and lists, the 工作台 and the work queue ask for today's date for every case they fold.
const shanghai = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** YYYY-MM-DD of the instant in Asia/Shanghai. */
export function legalDateOf(d: Date): string {
  return shanghai.format(d);
}
