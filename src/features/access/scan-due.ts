import { addDays } from './dates.js';
import type { AccessTask } from './model.js';

export interface DueScan {
  /** Open tasks whose card is not in the channel yet and whose reminder window has begun. */
  post: AccessTask[];
  /** Open tasks posted before their reminder window, now inside it: remind once. */
  remind: AccessTask[];
  /** Open tasks past their due day: raised every day until closed. */
  overdue: AccessTask[];
}

/**
 * The daily due-date scan. One pass, string comparison of `YYYY-MM-DD` days; date arithmetic
 * only for the few tasks inside the window.
 */
export function scanDue(tasks: Iterable<AccessTask>, today: string, reminderDays: number): DueScan {
  const horizon = addDays(today, reminderDays);
  const scan: DueScan = { post: [], remind: [], overdue: [] };
  for (const task of tasks) {
    if (task.state !== 'open' || task.due > horizon) continue;
    if (task.due < today) scan.overdue.push(task);
    if (!task.card) {
      scan.post.push(task);
    } else if (!task.remindedOn && task.due >= today && task.card.postedOn < addDays(task.due, -reminderDays)) {
      scan.remind.push(task);
    }
  }
  return scan;
}
