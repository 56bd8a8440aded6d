import { foldText, type Lang } from '../../shared/i18n.js';

/** What kind of small talk a message is; each gets its own short answer. */
export type SmallTalkKind = 'greeting' | 'thanks' | 'farewell' | 'howAreYou' | 'whoAreYou' | 'robot' | 'insult' | 'ack' | 'offTopic' | 'gibberish';

export interface SmallTalk {
  kind: SmallTalkKind;
  /** The language the small talk was written in, when its words tell. */
  lang?: Lang;
}

const MAX_SMALL_TALK_WORDS = 12;

type Rule = readonly [SmallTalkKind, Lang | undefined, RegExp];

/**
 * Patterns on folded text (lower case, no diacritics). Order matters: the first kind found names
 * the message ("tere, kes sa oled?" is a question about the bot, not a greeting).
 */
const RULES: readonly Rule[] = [
  ['robot', 'et', /\b(kas\s+)?(sa\s+|te\s+)?(oled|olete)\s+(sa\s+|te\s+)?(paris\s+)?(robot|bot|tehisintellekt|inimene|masin|ai)\b|\b(kas\s+)?(ma\s+)?(raagin|suhtlen|kirjutan)\s+(robotiga|botiga|inimesega|masinaga)\b/g],
  ['robot', 'en', /\b(you\s+are|you\s*'?re|u\s+r)\s+(a\s+|an\s+)?(real\s+)?(robot|bot|human|person|ai|machine)\b|\bare\s+(you|u)\s+(a\s+|an\s+)?(real\s+)?(robot|bot|human|person|ai|machine)\b|\b(am\s+i\s+)?(talking|chatting|speaking)\s+(to|with)\s+(a\s+)?(robot|bot|human|machine)\b/g],
  ['robot', undefined, /\b(robot|bot|chatbot|vestlusrobot)\s*\?/g],
  ['whoAreYou', 'et', /\bkes\s+(sa|te)\s+(oled|olete)\b|\bmis\s+(sa|te)\s+(oled|olete)\b|\b(mida|mis)\s+(sa|te)\s+(oskad|oskate|teed|teete|suudad)\b|\bmis\s+(su|sinu|teie)\s+nimi\b|\btutvusta\w*\s+(ennast|end)\b|\bmillega\s+(sa|te)\s+(saad|saate)\s+aidata\b/g],
  ['whoAreYou', 'en', /\bwho\s+(are|r)\s+(you|u)\b|\bwhat\s+(are|r)\s+(you|u)\b|\bwhat\s+(can|do)\s+(you|u)\s+do\b|\bwhat\s*'?s\s+your\s+name\b|\bwhat\s+is\s+your\s+name\b|\bintroduce\s+yourself\b|\bhow\s+can\s+you\s+help\b/g],
  ['howAreYou', 'et', /\bkuidas\s+(sul\s+|teil\s+)?(laheb|kaib|kasi\s+kaib|elad|elate|kaib\s+kasi)\b|\bmis\s+teed\b|\bmis\s+uudist\b/g],
  ['howAreYou', 'en', /\bhow\s+(are|r)\s+(you|u|things)\b|\bhow\s*'?s\s+it\s+going\b|\bhow\s+is\s+it\s+going\b|\bwhat\s*'?s\s+up\b|\bhow\s+do\s+you\s+do\b/g],
  // A weather question names a place and a day ("mis ilm homme Tallinnas on"): the clause takes up to three words after it.
  ['offTopic', 'et', /\b(mis|milline|missugune|kuidas)\s+(on\s+)?ilm\b(\s+[a-z]+){0,3}|\bmis\s+kell\s+(on|praegu)\b|\bmis\s+(ilm|kuupaev|paev)\s+(on|tana|homme)\b|\b(raagi|raakige)\s+(nali|anekdoot)\w*/g],
  ['offTopic', 'en', /\b(what\s*'?s|what\s+is|how\s*'?s|how\s+is)\s+the\s+weather\b(\s+[a-z]+){0,3}|\bwhat\s+time\s+is\s+it\b|\bwhat\s*'?s\s+the\s+(time|weather|date)\b|\btell\s+(me\s+)?a\s+joke\b/g],
  ['insult', 'et', /\b(loll\w*|idioo\w*|tola|tobu|tobe|mott|mottetu|jama|kasutu|kasutud|saast|sitt\w*|persse|kurat\w*|debiil\w*|ajuvaba|nomedik|raisk)\b/g],
  ['insult', 'en', /\b(stupid|idiot\w*|useless|dumb|moron\w*|crap|shit\w*|suck|sucks|damn|wtf|hate\s+you|shut\s+up|f+u+c+k\w*)\b/g],
  ['thanks', 'et', /\b(suur\s+|suured\s+|tuhat\s+)?(aitah|aita|aitaa+h|tanan|tanud|tanks|tanu|ait)\b|\bpole\s+tanu\s+vaart\b|\b(sain|saime)\s+(vastuse|abi|aru|asja\s+korda)\b|\b(see\s+)?(aitas|toimis|sobis)\b/g],
  ['thanks', 'en', /\b(thanks?(\s+(you|a\s+lot|so\s+much|very\s+much))?|thank\s+(you|u)(\s+(so|very)\s+much)?|thx|ty|cheers|much\s+appreciated)\b/g],
  ['farewell', 'et', /\b(head\s+aega|headaega|nagemist|nagemiseni|kohtumiseni|head\s+(paeva|ohtut|nadalavahetust|ood)|ilusat\s+(paeva|ohtut)|tsau\s+tsau|hiljem\s+naeme)\b/g],
  ['farewell', 'en', /\b(good\s*bye|bye(\s+bye)?|see\s+(you|ya)(\s+later)?|have\s+a\s+(nice|good|great)\s+(day|evening|weekend)|take\s+care|later)\b/g],
  ['greeting', 'et', /\b(tere(\s+(hommikust|paevast|ohtust|tere))?|tervist|tervitus\w*|tsau|tsauki|hei|hommikust|moi|ahoi|hellou)\b/g],
  ['greeting', 'en', /\b(hello|hi|hey|hiya|howdy|greetings|good\s+(morning|afternoon|evening)|yo)\b/g],
  ['ack', undefined, /\b(ok|okei|oki|okay|k)\b/g],
  ['ack', 'et', /\b(selge|hea\s+kull|sobib|super|suureparane|tore|jah|ei|vaga\s+hea|hasti|kena|arusaadav|sain\s+aru|olgu)\b/g],
  ['ack', 'en', /\b(got\s+it|great|cool|nice|fine|sure|yes|no|alright|perfect|understood|i\s+see)\b/g],
];

/** Letters that never make an Estonian or English word together, or a run of keys of one keyboard row. */
function looksLikeNonsense(word: string): boolean {
  if (!/[aeiouy]/.test(word)) return word.length >= 3;
  if (/[^aeiouy]{5,}/.test(word) || /(.)\1\1/.test(word)) return true;
  return /(qwe|wer|ert|asd|sdf|dfg|fgh|ghj|hjk|jkl|zxc|xcv|cvb|vbn|bnm)/.test(word) && word.length <= 8;
}

/** A word left over after the small talk ("täiesti kasutu bot") is no question; bot names are small talk too. */
const BOT_WORDS = /\b(bot|botike|robot|robotike|tugibot|chatbot|vestlusrobot|sina|sa|you|u|taiesti|totally|really|so|very|there|seal|keegi|anybody|anyone|someone)\b/g;

/**
 * Small talk: the whole message is greetings, thanks, farewells, questions about the bot, insults,
 * acknowledgements or gibberish. `isContent` tells whether a word of what is left is something the
 * knowledge base knows; a message with such a word is a question ("tere, STARi parool aegus").
 */
export function detectSmallTalk(text: string, isContent: (rest: string) => boolean): SmallTalk | undefined {
  let rest = foldText(text).replace(/[\u2019`´]/g, "'");
  // Small talk is short; a longer message that greets is a question with a greeting.
  if (rest.split(' ').length > MAX_SMALL_TALK_WORDS) return undefined;
  if (!/[a-z]/.test(rest)) return rest.trim() === '' ? undefined : { kind: 'gibberish' };
  let found: SmallTalk | undefined;
  for (const [kind, lang, pattern] of RULES) {
    const next = rest.replace(pattern, ' ');
    if (next === rest) continue;
    found ??= { kind, lang };
    if (found.lang === undefined && lang && found.kind === kind) found = { kind, lang };
    rest = next;
  }
  if (found) return isContent(rest.replace(BOT_WORDS, ' ')) ? undefined : found;
  const words = rest.split(/[^a-z]+/).filter((word) => word.length > 0);
  if (words.length > 0 && words.length <= 4 && words.every(looksLikeNonsense) && !isContent(rest)) return { kind: 'gibberish' };
  return undefined;
}
