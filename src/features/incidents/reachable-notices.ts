/** How long after an install without a chat id its notice looks for the chat Teams announces. */
const AWAIT_CHAT_MS = 10 * 60_000;

/**
 * The notices that installs made reachable for someone, told to `reachable` in one batch within
 * half a second; and those whose chat Graph did not give, which Teams' conversationUpdate brings
 * within a few minutes.
 */
export class ReachableNotices {
  private readonly ready = new Set<string>();
  /** Notices with installs whose chat Graph did not give: until when to look. */
  private readonly awaiting = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly reachable: (incidentIds: string[]) => void, private readonly now: () => number) {}

  /** These notices can reach the person now (or once Teams announces the chat, without `chatId`). */
  mark(incidents: readonly string[], chatId: string | undefined): void {
    if (incidents.length === 0) return;
    for (const id of incidents) {
      this.ready.add(id);
      if (!chatId) this.awaiting.set(id, this.now() + AWAIT_CHAT_MS);
    }
    this.timer ??= setTimeout(() => this.flush(), 500);
  }

  /** Notices that may still gain chats from Teams' conversationUpdate after an install: to widen on each tick. */
  awaitingChats(): string[] {
    const now = this.now();
    for (const [id, until] of this.awaiting) if (until < now) this.awaiting.delete(id);
    return [...this.awaiting.keys()];
  }

  /** Tells what is marked now (also on stop, without waiting for the batch). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.ready.size === 0) return;
    const ids = [...this.ready];
    this.ready.clear();
    this.reachable(ids);
  }
}
