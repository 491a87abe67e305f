import { Cron } from 'croner';

/** The next times a cron expression fires in a time zone (the server's scheduler uses the same library); null when it is not valid. */
export function nextCronRuns(cron: string, timeZone: string, count: number, from = new Date()): Date[] | null {
  if (!cron.trim()) return null;
  try {
    return new Cron(cron.trim(), { timezone: timeZone, paused: true }).nextRuns(count, from);
  } catch {
    return null;
  }
}
