import { say, type Lang, type Text } from '../../shared/i18n.js';
import type { ConversationAddress, Reply } from '../../shared/messaging.js';
import type { Router } from '../../shared/router.js';
import { helpCard } from './help-card.js';

const WELCOME_PERSONAL: Text = {
  et: 'Tere! Olen Sotsiaalkindlustusameti kasutajatoe robot. Aitan SKAISi ja STARi kasutamise küsimustes, võtan vastu veateated ja ligipääsutaotlused ning annan teada riketest. Kirjuta oma küsimus või „abi“, et näha, mida ma oskan.',
  en: 'Hello! I am the support bot of the Social Insurance Board. I help with using SKAIS and STAR, take problem reports and access requests, and let you know about outages. Type your question, or type "help" to see what I can do.',
};
const WELCOME_CHANNEL: Text = {
  et: 'Tere! Olen Sotsiaalkindlustusameti kasutajatoe robot. Siia kanalisse saadan teateid ja pöördumiste kaarte. Käskude nägemiseks mainige mind (@Tugibot) ja kirjutage „abi“.',
  en: 'Hello! I am the support bot of the Social Insurance Board. I post notices and case cards in this channel. Mention me (@Tugibot) and type "help" to see the commands.',
};

/** The welcome said once when the bot is installed. */
export function welcomeReply(address: ConversationAddress, lang: Lang): Reply {
  return { kind: 'text', text: say(address.kind === 'personal' ? WELCOME_PERSONAL : WELCOME_CHANNEL, lang) };
}

export function registerHelp(router: Router): void {
  router.command(
    {
      key: 'help',
      names: { et: ['abi', 'spikker'], en: ['help', '?'] },
      help: { et: 'näitab seda käskude loendit', en: 'shows this list of commands' },
      scopes: ['personal', 'channel', 'groupChat'],
    },
    async (message, tools) => {
      await tools.reply(helpCard(router.commandsFor(message.from.aadObjectId), message.address, message.lang));
    },
  );
}
