const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Formats `2023-12-05` as "December 5, 2023", `2023-07` as "July 2023" and `2016` as "2016". */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  if (!m) return y ?? iso;
  const month = MONTHS[Number(m) - 1] ?? m;
  return d ? `${month} ${Number(d)}, ${y}` : `${month} ${y}`;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Formats `2023-12-05` as "Tuesday, December 5, 2023"; a month or a year alone as {@link formatDate} does. */
export function formatDateWithWeekday(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return formatDate(iso);
  return `${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]}, ${formatDate(iso)}`;
}

/** Full month names, lowercase, for reading dates in questions. */
export const MONTH_NAMES = MONTHS.map((m) => m.toLowerCase());
