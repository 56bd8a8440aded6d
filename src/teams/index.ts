import type { TurnContext } from 'botbuilder';

export { TeamsEdge } from './adapter.js';
export { BotMessenger } from './messenger.js';
export { createTurnHandler } from './turn-handler.js';

/** The turn logic CloudAdapter runs; opaque outside the edge. */
export type TurnHandler = (context: TurnContext) => Promise<void>;
