import { adaptiveCard, heading, paragraph } from '../../shared/cards.js';
import { say, type Lang, type Text } from '../../shared/i18n.js';
import type { ConversationAddress, Reply } from '../../shared/messaging.js';
import type { RegisteredCommand } from '../../shared/router.js';

const TITLE: Text = { et: 'Mida ma oskan', en: 'What I can do' };
const INTRO: Text = {
  et: 'Kirjuta oma küsimus SKAISi või STARi kohta vabas vormis ja ma otsin vastuse teadmusbaasist. Lisaks saad kasutada neid käske:',
  en: 'Type your question about SKAIS or STAR in your own words and I will look for the answer in the knowledge base. You can also use these commands:',
};
const CHANNEL_INTRO: Text = {
  et: 'Kanalis mainige mind (@Tugibot) ja kirjutage käsk:',
  en: 'In a channel, mention me (@Tugibot) and type a command:',
};
const GROUP_INTRO: Text = {
  et: 'Rühmavestluses mainige mind (@Tugibot) ja kirjutage käsk. Küsimustele vastan ja pöördumisi avan isiklikus vestluses.',
  en: 'In a group chat, mention me (@Tugibot) and type a command. I answer questions and open cases in a personal chat.',
};
const INTROS: Record<ConversationAddress['kind'], Text> = { personal: INTRO, channel: CHANNEL_INTRO, groupChat: GROUP_INTRO };
const SPECIALIST_NOTE: Text = { et: 'Spetsialistidele', en: 'For specialists' };

function line(command: RegisteredCommand, lang: Lang): string {
  const name = command.labels[lang][0] ?? command.labels.et[0];
  return `- **${name}**${command.takesArgument ? ' …' : ''}: ${command.help[lang]}`;
}

/** The help card: the commands this person may use where they are, in their language. */
export function helpCard(commands: RegisteredCommand[], address: ConversationAddress, lang: Lang): Reply {
  const here = commands.filter((command) => command.scopes.includes(address.kind));
  const everyone = here.filter((command) => command.audience === 'everyone');
  const specialist = here.filter((command) => command.audience === 'specialist');
  const body = [
    heading(say(TITLE, lang)),
    paragraph(say(INTROS[address.kind], lang)),
    paragraph(everyone.map((command) => line(command, lang)).join('\n')),
  ];
  if (specialist.length > 0) {
    body.push(paragraph(`**${say(SPECIALIST_NOTE, lang)}**`), paragraph(specialist.map((command) => line(command, lang)).join('\n')));
  }
  return { kind: 'card', card: adaptiveCard(body), summary: say(TITLE, lang) };
}
