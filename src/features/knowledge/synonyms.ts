/**
 * What the desk's users call the same thing. Rules run on folded text (lower case, no diacritics).
 *
 * `PHRASES` first turns multi-word expressions into one word ("sisse logida" -> "login",
 * "ei saa" -> "cannot"); `SYNONYM_GROUPS` then maps a group's words to one index term: a member
 * as written in either language, and the stems of its Estonian members for Estonian text, of its
 * English members for English text ("faili", of the file, is no inflected English "fail"). Members
 * may be given in several inflected forms where the stemmer would not join them (tugi / toe,
 * vald / valla); phrase outputs and loan words written alike in both languages are in both lists.
 */
import { PLACE_BEFORE_MUNICIPALITY } from './place-names.js';

export const PHRASES: ReadonlyArray<readonly [RegExp, string]> = [
  // "Valga valla sotsiaaltöötaja": where someone works is context, not a topic.
  [PLACE_BEFORE_MUNICIPALITY, '$1'],
  [/\bright\s+(now|away)\b/g, ''],
  [/\bkui\s+palju\b|\bhow\s+(many|much)\b/g, 'mitu'],
  [/\b(care|nursing)\s+homes?\b/g, 'hooldekodu'],
  [/\btest\w*\s*(environment|keskkon\w*)/g, 'testkeskkond'],
  // "kas SKAIS töötab?" asks whether it is down.
  [/\bkas\s+(\w+\s+)?(tootab|tootavad|toimib|toimivad)\b/g, 'kas $1 down'],
  [/\b(shut|shuts|shutting|close|closes|closing)\s+(down|off)\b/g, 'close'],
  [/\bsisse\s+(log\w*|pa+s\w*|sa+\w*)/g, 'login'],
  [/\b(log|logs|logged|logging|sign|signs|signed|signing)\s+(in|into|on)\b/g, 'login'],
  [/\b(log|logs|logged|logging)\s+(me\s+)?out\b|\bkick\w*\s+(me\s+)?out\b|\bthrow\w*\s+(me\s+)?out\b/g, 'logout'],
  [/\bvalja\s+(visk\w*|visa\w*|log\w*|lenda\w*|lennut\w*)|\b(visk\w*|visa\w*|log\w*|lenda\w*|lennut\w*)\s+(mind\s+|meid\s+)?valja\b/g, 'logout'],
  [/\bei\s+(toota|toota\w*|toimi\w*|funktsioneeri\w*|avane\w*|ava\b|kaivitu\w*|lae\w*|laadi\w*)\b|\bnot\s+working\b|\b(?:is|are|was|were)\s*n.?t\s+working\b|\bwo\s*n.?t\s+work\b|\b(does\s*n.?t|does\s+not|do\s*n.?t|do\s+not)\s+work\b/g, 'broken'],
  [/\bei\s+(saa|saanud|saaks|paase|paasenud|lase|luba|onnestu|onnestunud)\b|\bcan.?t\b|\bcan\s+not\b|\bcannot\b|\bunable\s+to\b/g, 'cannot'],
  // "saada kasutajaks" (become a user) is how people ask for an account.
  [/\bkasutajaks\b/g, 'kasutajakonto'],
  [/\b(lahe\w*|laks\w*|lainud)\s+(ara|minema)\b/g, 'lahkub'],
  // Rights "taken away" are revoked: "õigused võeti ära", "ära võetud", "took away my access". Only
  // with "ära" / "away" up to three words on: võtma alone is taking ("võeti tööle", hired).
  [/\bara\s+(?:voeti|voetud|voetakse|vott\w*|vot\w*)\b|\b(?:voeti|voetud|voetakse|vott\w*|vot\w*)\b(?=(?:\s+\w+){0,3}?\s+ara\b)|\b(?:take|takes|taken|took|taking)\s+away\b|\b(?:take|takes|taken|took|taking)\b(?=(?:\s+\w+){1,2}?\s+away\b)/g, 'revoked'],
  // Going on pension is leaving the job: "kolleeg läks pensionile", "jääb pensionile", "pensionile jäämine".
  // Made redundant or dismissed is leaving too; "koondatakse" (is gathered) in the articles is not.
  [/\b(koondati|koondamine|koondamise\w*|koondamisel|vallandati)\b|\b(on|sai|oli|said|olid)\s+(koondatud|vallandatud)\b/g, 'lahkub'],
  [/\b(lahe\w*|laks\w*|lainud|jai|jaab|jaavad|jaanud|jaama\w*|mine\w*)\s+pensionile\b|\bpensionile\s+(minek\w*|jaami\w*|jaab|jai|laks|lainud)\b/g, 'lahkub'],
  // In Estonia a signed application is a digitally signed one: "digiallkirjaga", "digitaalselt
  // allkirjastatud" and "allkirjastatud" are one signature (the prefix made a rare word of its own).
  [/\bdigi[\s-]?(allkirj\w*)|\bdigitaals\w*\s+(allkirj\w*)/g, '$1$2'],
  [/\bmeili\w*/g, 'epost'],
  [/\bx[\s-]?(tee|teel|teed|tee\w*|road)\b/g, 'xtee'],
  [/\bsmart[\s-]?id\w*/g, 'smartid'],
  [/\b(mobiil|mobile)[\s-]?id\w*/g, 'mobiilid'],
  [/\bid[\s-]?(kaar\w*|card\w*)/g, 'idkaart'],
  [/\b(e[\s-]?post\w*|e[\s-]?mail\w*|email\w*)/g, 'epost'],
  [/\bsocial\s+workers?\b/g, 'sotsiaaltootaja'],
  [/\b(social\s+)?service\s+providers?\b|\bteenuse\s+osutaja\w*/g, 'teenuseosutaja'],
  [/\blocal\s+(government|authority|authorities)\b|\bkohali\w*\s+omavalitsus\w*/g, 'kov'],
  [/\bpopulation\s+regist\w*/g, 'rahvastikuregister'],
  [/\bpersonal\s+(identification\s+)?(code|number)s?\b|\bid\s+code\b|\bisiku\s+kood\w*/g, 'isikukood'],
  [/\b(user\s+support|help\s*desk|support\s+desk|service\s+desk)\b/g, 'kasutajatugi'],
  [/\buhendust\s+vo\w*|\bvo\w*\s+uhendust\b|\bget\s+in\s+touch\b|\breach\s+out\b/g, 'contact'],
  // Asking someone is contacting them: "who do I ask", "whom to ask", "kellelt küsida", "kelle käest
  // küsin". Asking alone ("I want to ask how ...") stays a filler.
  [/\b(?:who|whom|where)\s+(?:(?:do|should|can|could|would|shall|to)\s+)?(?:(?:i|we)\s+)?ask\b/g, 'contact'],
  // Estonian word order puts words between: "kellelt STARi asjus abi küsida". Only the question word
  // becomes contact; küsida is a stop word and the words between stay.
  [/\b(?:kellelt|kelle\s+kaest|kuskilt|kust)\b(?=(?:\s+\w+){0,4}?\s+kusi)/g, 'contact'],
  // Phrasal verbs whose meaning is not in their words: "look up" a person is a query.
  [/\blook(?:s|ed|ing)?\s+(?:\w+\s+)?up\b/g, 'lookup'],
  [/\bkirja\s+pa\w*|\bpa\w*\s+kirja\b/g, 'kajastama'],
  // "log my client work", "logging home visits": keeping a record of work, not signing in (that is "log in").
  [/\blog(?:s|ged|ging)?\b(?=\s+(?:(?:my|our|your|their|the|all|every|each|a)\s+)?(?:client|work|visit|home|meeting|contact|call|phone|action|activit|interaction|note|counsel))/g, 'record'],
  [/\bpersonal\s+data\b/g, 'isikuandmed'],
  [/\bfood\s+(package|parcel|pack|box)\w*/g, 'toidupakk'],
  [/\bplace\s+of\s+residence\b/g, 'elukoht'],
  // "the session keeps timing out", "it times out", "a time-out": the article's word is timeout.
  [/\btim(?:e|es|ed|ing)[\s-]*outs?\b/g, 'timeout'],
  [/\bdrop[\s-]?down\w*/g, 'rippmenuu'],
  // A program that "runs together" has crashed.
  [/\b(jookse\w*|jooksi\w*)\s+(kokku|kinni)\b|\b(kokku|kinni)\s+jookse\w*|\bkinni\s+jooksnud\b|\bcrash\w*|\bfreez\w*|\bhangu\w*/g, 'error'],
  [/\bmeelest\s+(lainud|laks|laheb)\b/g, 'unustasin'],
];

/** A synonym group's members by language: a member's inflected forms are met in its own language only. */
export interface SynonymGroup {
  et: readonly string[];
  en: readonly string[];
  /** The Estonian members are met only as written, not through their stems (short stems other words share). */
  writtenOnly?: true;
}

export const SYNONYM_GROUPS: Readonly<Record<string, SynonymGroup>> = {
  password: { et: ['parool', 'paroolid', 'salasona', 'salasonad', 'pass', 'passi'],
    en: ['password', 'passwords', 'passwd', 'pw'] },
  account: { et: ['konto', 'kontod', 'kasutajakonto', 'kasutajakontod'],
    en: ['account', 'accounts', 'useraccount'] },
  access: { et: ['ligipaas', 'ligipaasu', 'juurdepaas', 'juurdepaasu', 'oigus', 'oigused', 'kasutajaoigus', 'kasutajaoigused', 'juurdepaasuoigus', 'ligipaasuoigus'],
    en: ['access', 'rights', 'permission', 'permissions', 'privileges'] },
  error: { et: ['viga', 'vea', 'vead', 'vigu', 'vigane', 'vigast', 'torge', 'torke', 'torked', 'error', 'bug'],
    en: ['error', 'errors', 'bug', 'bugs', 'fault'] },
  broken: { et: ['katki'],
    en: ['broken'] },
  cannot: { et: ['cannot', 'ebaonnestub', 'ebaonnestus', 'ebaonnestunud'],
    en: ['cannot', 'fail', 'fails', 'failed', 'failing'] },
  login: { et: ['login', 'sisselogimine', 'sisselogimise', 'logima', 'logida', 'sisse', 'sisenemine', 'sisenema', 'siseneda', 'autentimine'],
    en: ['login', 'logon', 'signin', 'authentication'] },
  logout: { et: ['logout', 'valjalogimine'],
    en: ['logout'] },
  // "konto on lukus", "pandi lukku", "PIN lukustati": the stemmer does not join lukus / lukku.
  locked: { et: ['lukus', 'lukku', 'lukust', 'lukustatud', 'lukustati', 'lukustus'],
    en: ['locked', 'lockout'] },
  session: { et: ['sessioon', 'sessiooni', 'seanss', 'seansi'],
    en: ['session', 'sessions'] },
  expire: { et: ['aegub', 'aeguma', 'aegumine', 'aegunud', 'aegus', 'timeout'],
    en: ['expire', 'expires', 'expired', 'expiry', 'timeout'] },
  outage: { et: ['rike', 'rikked', 'rikke', 'riket', 'rikkeid', 'katkestus', 'katkestused', 'down', 'maas'],
    en: ['outage', 'outages', 'down', 'unavailable', 'downtime'] },
  notification: { et: ['teavitus', 'teavitused', 'teavitusi'],
    en: ['notification', 'notifications', 'notice', 'notices', 'alert', 'alerts'] },
  subscribe: { et: ['tellima', 'tellida', 'tellin', 'telli'],
    en: ['subscribe', 'subscription'] },
  newsletter: { et: ['infokiri', 'infokirjad', 'infokirja', 'infokirju', 'uudiskiri', 'uudiskirja'],
    en: ['newsletter', 'newsletters'] },
  testenv: { et: ['testkeskkond', 'testkeskkonda', 'testkeskkonna'],
    en: ['sandbox'] },
  training: { et: ['koolitus', 'koolitused', 'koolitusi', 'kursus', 'oppimine', 'oppima', 'oppida', 'opib', 'opin', 'opivad', 'opetama', 'opetada', 'opetab', 'opetus', 'oppematerjal', 'koolitusmaterjal'],
    en: ['training', 'trainings', 'course', 'courses', 'learn', 'learning', 'teach', 'teaching'] },
  guide: { et: ['juhend', 'juhendid', 'juhendi', 'kasutusjuhend', 'juhendmaterjal'],
    en: ['manual', 'manuals', 'guide', 'guides', 'instructions'] },
  role: { et: ['roll', 'rollid', 'kasutajaroll', 'kasutajarollid'],
    en: ['role', 'roles'] },
  admin: { et: ['administraator', 'administraatorid', 'admin', 'adminn', 'adminni'],
    en: ['admin', 'administrator', 'administrators'] },
  socialworker: { et: ['sotsiaaltootaja', 'sotsiaaltootajad'],
    en: [] },
  employee: { et: ['tootaja', 'tootajad', 'kolleeg', 'kolleegid', 'teenistuja', 'teenistujad'],
    en: ['employee', 'employees', 'colleague', 'colleagues', 'staff', 'worker', 'workers'] },
  substitute: { et: ['asendaja', 'asendajad', 'asendus', 'asendamine', 'asendama', 'asendab'],
    en: ['substitute', 'substitutes', 'deputy', 'replacement', 'cover'] },
  vacation: { et: ['puhkus', 'puhkuse', 'puhkusel', 'puhkusele'],
    en: ['vacation', 'holiday', 'holidays'] },
  suggestion: { et: ['ettepanek', 'ettepanekud', 'ettepaneku', 'idee', 'ideed', 'paremaks', 'parendus', 'parendama', 'parendada'],
    en: ['suggestion', 'suggestions', 'proposal', 'proposals', 'idea', 'ideas', 'propose', 'improve', 'improvement'] },
  provider: { et: ['teenuseosutaja', 'teenuseosutajad', 'teenusepakkuja', 'hooldekodu', 'asenduskodu', 'hoolekandeasutus', 'mtu', 'tugiisik', 'tugiisiku', 'perekodu', 'lastekodu', 'paevakeskus', 'koduhooldus', 'asendushooldus'],
    en: ['provider', 'providers', 'carehome', 'ngo', 'nonprofit'] },
  municipality: { et: ['kov', 'omavalitsus', 'omavalitsuse', 'vald', 'valla', 'linn', 'linna', 'vallavalitsus', 'linnavalitsus'],
    en: ['municipality', 'municipalities', 'municipal'] },
  populationregister: { et: ['rahvastikuregister', 'rahvastikuregistri', 'rr'],
    en: [] },
  personalcode: { et: ['isikukood', 'isikukoodi', 'isikukoodid'],
    en: [] },
  query: { et: ['paring', 'paringud', 'paringu', 'paringuid'],
    en: ['query', 'queries', 'lookup', 'lookups'] },
  database: { et: ['andmekogu', 'andmekogud', 'andmekogusse', 'register', 'registri', 'andmebaas', 'andmebaasid', 'tootukassa', 'haigekassa', 'tervisekassa', 'maksuamet', 'emta'],
    en: ['register', 'registry', 'registries', 'database', 'databases'] },
  abroad: { et: ['valismaa', 'valismaal', 'valismaale', 'valisriik', 'valisriigis'],
    en: ['abroad', 'foreign', 'overseas'] },
  client: { et: ['klient', 'kliendi', 'kliendid', 'isik', 'isiku', 'isikud', 'inimene', 'inimese', 'abivajaja'],
    en: ['client', 'clients', 'person', 'persons', 'individual'] },
  proceeding: { et: ['menetlus', 'menetlused'],
    en: ['proceeding', 'proceedings'] },
  correct: { et: ['parandama', 'parandada', 'parandus', 'parandamine', 'muutma', 'muuta', 'muutmine'],
    en: ['correct', 'correction', 'edit', 'change', 'modify', 'fix', 'amend'] },
  support: { et: ['kasutajatugi', 'kasutajatoe', 'kasutajatoele', 'kasutajatuge', 'kasutajatoega', 'tugi', 'toe', 'toele', 'tuge', 'toega'],
    en: ['support', 'helpdesk', 'servicedesk'] },
  contact: { et: ['poorduma', 'poorduda', 'poordun', 'poorduge', 'kontakt', 'kontaktid', 'contact', 'uhendust'],
    en: ['contact'] },
  report: { et: ['teatama', 'teatada', 'teatan'],
    en: ['report', 'reporting'] },
  leavejob: { et: ['lahkuma', 'lahkub', 'lahkus', 'lahkunud', 'lahkuja', 'lahkumine', 'pensioneerus', 'pensioneerub'],
    en: ['resign', 'resigns', 'resigned', 'quit', 'quits', 'left', 'retire', 'retires', 'retired', 'retiring'] },
  close: { et: ['sulgema', 'sulgeda', 'sulgeb', 'sulgemine', 'suletud', 'suleti', 'close', 'blokeerima', 'blokeerida', 'blokeeritud'],
    en: ['close', 'closed', 'closing', 'deactivate', 'deactivated', 'block', 'blocked'] },
  revoked: { et: ['peatati', 'peatatud', 'kadunud', 'kadusid', 'kadus', 'kaob', 'kaovad'],
    en: ['suspended', 'revoked', 'removed', 'disappeared', 'disappears', 'lost'] },
  howmany: { et: ['mitu', 'palju', 'arv'],
    en: ['number'] },
  issue: { et: ['kusimus', 'kusimusega', 'kusimused', 'kusimustega', 'mure', 'murega', 'probleem', 'probleemiga', 'probleemid', 'jama', 'jamaga'],
    en: ['problem', 'problems', 'issue', 'issues', 'question', 'questions', 'trouble'] },
  need: { et: ['vaja', 'vajan', 'vajab', 'vajame', 'vajavad', 'vajaks'],
    en: ['need', 'needs', 'require', 'requires'] },
  // The short stems of töö and saama are other words' stems too ("toodud", brought; "saata", send;
  // "saabub", arrives): their Estonian forms are listed and met as written only.
  work: { et: ['too', 'tood', 'tool', 'toole', 'toolt', 'toost'],
    en: ['work', 'job', 'jobs'], writtenOnly: true },
  // Starting a case: "menetlust alustada" and "menetlust algatada" are the same act. Listed forms
  // only: "alust" is also the partitive of "alus" (basis, "õiguslikku alust"); "alustasin" (I
  // started work) is left out, it is about the person, not the case.
  start: { et: ['alustada', 'alustama', 'alustamine', 'alustamiseks', 'alustamist', 'algatada', 'algatama', 'algatamine', 'algatamiseks',
    'algatamist', 'algatatakse', 'alustatakse'],
    en: ['start', 'starting', 'initiate', 'initiating', 'initiated'], writtenOnly: true },
  environment: { et: ['keskkond', 'keskkonna', 'keskkonda', 'keskkonnas'],
    en: ['environment', 'environments'] },
  // saama is both "get" and "can"; tohtima is "may".
  can: { et: ['saama', 'saada', 'saab', 'saan', 'saad', 'saame', 'sain', 'sai', 'saime', 'saate', 'saavad', 'saaks', 'saaksin', 'saanud',
    'saadud', 'saamine', 'saamise', 'saamist', 'saamiseks', 'tohib', 'tohin', 'tohi', 'tohivad', 'tohime', 'tohtida', 'tohtima'],
    en: ['get', 'gets', 'getting', 'got', 'obtain', 'become', 'allowed', 'permitted'], writtenOnly: true },
  new: { et: ['uus', 'uue', 'uut', 'uuele', 'uuel', 'uued', 'uute', 'uusi', 'uuest'],
    en: ['new'] },
  assign: { et: ['maarama', 'maarata', 'maaramine', 'maaran', 'maaratakse', 'andma', 'anda', 'annan', 'antakse', 'anna'],
    en: ['assign', 'assigning', 'give', 'grant', 'granted'] },
  difference: { et: ['vahe', 'erinevus', 'erinevad', 'erinema', 'erineb'],
    en: ['differ', 'difference', 'different'] },
  end: { et: ['lopp', 'lopu', 'lopus', 'lopetama', 'lopetada', 'lopetas', 'lopetab', 'lopetati', 'lopetatud', 'loppes', 'loppema', 'loppeda', 'loppenud', 'loppesid', 'loppeb'],
    en: ['end', 'ended', 'ends', 'terminate', 'terminated', 'termination'] },
  employment: { et: ['tooleping', 'toolepingu', 'toosuhe', 'toosuhte'],
    en: ['employment', 'contract'] },
  record: { et: ['kajastama', 'kajastada', 'kajastamine', 'kajastatakse', 'dokumenteerima', 'dokumenteerida', 'record'],
    en: ['record', 'recording', 'document', 'documenting'] },
  security: { et: ['turve', 'turva', 'turvalisus', 'turbereegel', 'turbereeglid', 'turvareegel', 'turvareeglid', 'turvanoue', 'turvanouded', 'andmekaitse'],
    en: ['security', 'secure'] },
  // Estonian and English names of the things the articles are about, so that an English question
  // finds an article that exists only in Estonian.
  application: { et: ['taotlus', 'taotluse', 'taotlused', 'avaldus', 'avalduse', 'avaldused', 'avaldust'],
    en: ['application', 'applications'] },
  forgot: { et: ['unustasin', 'unustanud', 'unustas', 'unustada', 'unustama'],
    en: ['forgot', 'forgotten', 'forget'] },
  service: { et: ['teenus', 'teenuse', 'teenused', 'teenuseid'],
    en: ['service', 'services'] },
  benefit: { et: ['toetus', 'toetuse', 'toetused', 'toetusi'],
    en: ['benefit', 'benefits', 'allowance', 'allowances'] },
  measure: { et: ['abinou', 'abinoud', 'abinousid'],
    en: ['measure', 'measures'] },
  allocation: { et: ['eraldis', 'eraldised', 'eraldisena'],
    en: ['allocation', 'allocations'] },
  address: { et: ['aadress', 'aadressi', 'aadressid'],
    en: ['address', 'addresses'] },
  residence: { et: ['elukoht', 'elukoha', 'elukohta'],
    en: ['residence'] },
  data: { et: ['andmed', 'andmeid', 'andmete'],
    en: ['data'] },
  wrong: { et: ['vale', 'valed', 'valet', 'valesti', 'ebaoige'],
    en: ['wrong', 'incorrect', 'erroneous'] },
  // Users and using: "STARi kasutajad" and "kes saavad STARi kasutada" ask the same.
  user: { et: ['kasutaja', 'kasutajad', 'kasutajat', 'kasutama', 'kasutada', 'kasutab', 'kasutavad', 'kasutan'],
    en: ['user', 'users', 'use', 'using', 'used'] },
  see: { et: ['nagema', 'naha', 'naen', 'naeb', 'naed', 'naevad', 'nahtav', 'naidata', 'naitab'],
    en: ['view', 'show', 'shows'] },
  feature: { et: ['funktsioon', 'funktsioonid', 'funktsionaalsus'],
    en: ['function', 'functions', 'feature', 'features'] },
  button: { et: ['nupp', 'nupud', 'nuppu'],
    en: ['button', 'buttons'] },
  rule: { et: ['reegel', 'reeglid', 'reegli', 'reegleid', 'noue', 'nouded'],
    en: ['rule', 'rules', 'requirement', 'requirements'] },
  legalbasis: { et: ['pohimaarus', 'seadus'],
    en: ['regulation', 'statute'] },
};
