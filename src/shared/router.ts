import { DomainError } from './errors.js';
import { foldText, type Text } from './i18n.js';
import type { ActionHandler, InboundMessage, MessageHandler, MessageInterceptor, TurnTools, CardAction } from './messaging.js';

export type Audience = 'everyone' | 'specialist';
export type Scope = 'personal' | 'channel' | 'groupChat';

export interface CommandSpec {
  /** A stable key, e.g. `cases.mine`; the manifest test checks commands against these. */
  key: string;
  /** What people type, per language, folded for matching (case and diacritics do not matter). */
  names: { et: string[]; en: string[] };
  /** One line in the help card. */
  help: Text;
  audience?: Audience;
  /** Where the command works; personal chat only unless said. */
  scopes?: Scope[];
  /** The command takes the rest of the line as its argument (`pöördumine TUGI-2026-00042`). */
  takesArgument?: boolean;
}

export interface RegisteredCommand extends Required<Omit<CommandSpec, 'takesArgument'>> {
  takesArgument: boolean;
  /** The names as written, for the help card (`names` are folded for matching). */
  labels: { et: string[]; en: string[] };
  handler: (message: InboundMessage, tools: TurnTools, argument: string) => Promise<void>;
}

/** Who took a message: a command, an interceptor (a handoff), the fallback (a question), or nobody. */
export type MessageRoute = 'command' | 'intercepted' | 'fallback' | 'ignored';

export interface ActionSpec {
  audience?: Audience;
}

export const NOT_SPECIALIST = new DomainError('NOT_SPECIALIST', {
  et: 'Seda saavad teha ainult kasutajatoe spetsialistid.',
  en: 'Only support desk specialists can do this.',
});

export const UNKNOWN_ACTION = new DomainError('UNKNOWN_ACTION', {
  et: 'Seda nuppu ma ei tunne. Palun proovi uuesti või kirjuta „abi“.',
  en: 'I do not recognise that button. Please try again or type "help".',
});

/**
 * The one place features register what they listen to: typed commands, card verbs, message
 * interceptors (e.g. an active handoff) and the fallback for free text in a personal chat.
 */
export class Router {
  readonly commands: RegisteredCommand[] = [];
  private readonly actions = new Map<string, { handler: ActionHandler; audience: Audience }>();
  private readonly interceptors: MessageInterceptor[] = [];
  private fallbackHandler?: MessageHandler;

  constructor(private readonly isSpecialist: (aadObjectId: string | undefined) => boolean) {}

  command(spec: CommandSpec, handler: RegisteredCommand['handler']): void {
    for (const existing of this.commands) {
      if (existing.key === spec.key) throw new Error(`Command ${spec.key} is registered twice.`);
    }
    this.commands.push({
      key: spec.key,
      names: { et: spec.names.et.map(foldText), en: spec.names.en.map(foldText) },
      labels: spec.names,
      help: spec.help,
      audience: spec.audience ?? 'everyone',
      scopes: spec.scopes ?? ['personal'],
      takesArgument: spec.takesArgument ?? false,
      handler,
    });
  }

  action(verb: string, handler: ActionHandler, spec: ActionSpec = {}): void {
    if (this.actions.has(verb)) throw new Error(`Card verb ${verb} is registered twice.`);
    this.actions.set(verb, { handler, audience: spec.audience ?? 'everyone' });
  }

  intercept(interceptor: MessageInterceptor): void {
    this.interceptors.push(interceptor);
  }

  fallback(handler: MessageHandler): void {
    this.fallbackHandler = handler;
  }

  hasAction(verb: string): boolean {
    return this.actions.has(verb);
  }

  /** Finds the command a message invokes, longest name first, and its argument. */
  match(message: InboundMessage): { command: RegisteredCommand; argument: string } | undefined {
    const folded = foldText(message.text);
    let best: { command: RegisteredCommand; argument: string; length: number } | undefined;
    for (const command of this.commands) {
      if (!command.scopes.includes(message.address.kind)) continue;
      for (const name of [...command.names.et, ...command.names.en]) {
        const exact = folded === name;
        const withArgument = command.takesArgument && folded.startsWith(`${name} `);
        if ((exact || withArgument) && (!best || name.length > best.length)) {
          const words = name.split(' ').length;
          const argument = exact ? '' : message.text.trim().replace(new RegExp(`^(?:\\S+\\s+){${words}}`), '').trim();
          best = { command, argument, length: name.length };
        }
      }
    }
    return best && { command: best.command, argument: best.argument };
  }

  /**
   * Hands a message to its command, an interceptor or the fallback. Says which took it (for
   * metrics) through `routed`, before the handler runs, so a handler that throws is still counted
   * under its route; an interceptor is named once it says it handled the message.
   */
  async dispatchMessage(message: InboundMessage, tools: TurnTools, routed: (route: MessageRoute) => void = () => undefined): Promise<void> {
    const matched = this.match(message);
    if (matched) {
      routed('command');
      if (matched.command.audience === 'specialist' && !this.isSpecialist(message.from.aadObjectId)) throw NOT_SPECIALIST;
      await matched.command.handler(message, tools, matched.argument);
      return;
    }
    for (const interceptor of this.interceptors) {
      if (await interceptor(message, tools)) return routed('intercepted');
    }
    if (message.address.kind === 'personal' && this.fallbackHandler) {
      routed('fallback');
      await this.fallbackHandler(message, tools);
      return;
    }
    routed('ignored');
  }

  async dispatchAction(action: CardAction, tools: TurnTools): Promise<void> {
    const entry = this.actions.get(action.verb);
    if (!entry) throw UNKNOWN_ACTION;
    if (entry.audience === 'specialist' && !this.isSpecialist(action.from.aadObjectId)) throw NOT_SPECIALIST;
    await entry.handler(action, tools);
  }

  /** The commands one person may use, for the help card. */
  commandsFor(aadObjectId: string | undefined): RegisteredCommand[] {
    const specialist = this.isSpecialist(aadObjectId);
    return this.commands.filter((command) => command.audience === 'everyone' || specialist);
  }
}
