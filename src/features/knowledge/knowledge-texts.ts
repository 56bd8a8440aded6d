import type { Text } from '../../shared/i18n.js';

/** Everything the knowledge feature says to people, in Estonian and English. */
export const TEXTS = {
  didItHelp: { et: 'Kas see aitas?', en: 'Did this help?' },
  yes: { et: 'Jah', en: 'Yes' },
  no: { et: 'Ei', en: 'No' },
  sources: { et: 'Allikad: {list}', en: 'Sources: {list}' },
  links: { et: 'Vaata ka: {list}', en: 'See also: {list}' },
  feedbackReceived: { et: 'Tagasiside on saadud – aitäh!', en: 'Feedback received – thank you!' },
  thanks: {
    et: 'Aitäh tagasiside eest! Mul on hea meel, et sain aidata.',
    en: 'Thank you for the feedback! I am glad I could help.',
  },
  sorry: {
    et: 'Vabandust, et see vastus ei aidanud. Kui soovid, avan kasutajatoele pöördumise ja spetsialist vaatab su küsimuse üle.',
    en: 'I am sorry this answer did not help. If you like, I can open a case with the support desk, and a specialist will look into your question.',
  },
  openCase: { et: 'Ava pöördumine', en: 'Open a case' },
  suggestIntro: {
    et: 'Ma ei ole päris kindel, mida sa silmas pead. Kas mõni neist juhenditest sobib?',
    en: 'I am not quite sure what you mean. Is one of these articles what you need?',
  },
  noneFits: { et: 'Ükski ei sobi – ava pöördumine', en: 'None of these fit – open a case' },
  notFound: {
    et: 'Kahjuks ei leidnud ma sellele küsimusele teadmusbaasist vastust. Vastan küsimustele SKAISi ja STARi kasutamise kohta. Kui soovid, avan kasutajatoele pöördumise.',
    en: 'Unfortunately, I could not find an answer to this question in the knowledge base. I can answer questions about using SKAIS and STAR. If you like, I can open a case with the support desk.',
  },
  emptyQuestion: {
    et: 'Kirjuta oma küsimus SKAISi või STARi kohta, näiteks „kuidas STARi parooli vahetada“.',
    en: 'Type your question about SKAIS or STAR, for example "how do I change my STAR password".',
  },
  onlyInOtherLanguage: {
    et: 'See juhend on olemas ainult inglise keeles.',
    en: 'This article exists only in Estonian.',
  },
  smalltalkGreeting: {
    et: 'Tere! Olen tugibot, kasutajatoe vestlusrobot. Vastan küsimustele SKAISi ja STARi kasutamise kohta. Kirjuta oma küsimus, näiteks „kuidas STARi parooli vahetada“.',
    en: 'Hello! I am tugibot, the support desk\'s chatbot. I answer questions about using SKAIS and STAR. Type your question, for example "how do I change my STAR password".',
  },
  smalltalkThanks: {
    et: 'Pole tänu väärt! Kui tekib veel küsimusi SKAISi või STARi kohta, kirjuta julgelt.',
    en: 'You are welcome! If you have more questions about SKAIS or STAR, just write.',
  },
  smalltalkFarewell: {
    et: 'Head aega! Kui vajad abi SKAISi või STARiga, kirjuta mulle siia.',
    en: 'Goodbye! If you need help with SKAIS or STAR, write to me here.',
  },
  smalltalkHowAreYou: {
    et: 'Aitäh küsimast, mul läheb hästi! Mida saan sinu heaks SKAISi või STARiga teha?',
    en: 'Thanks for asking, I am doing well! How can I help you with SKAIS or STAR?',
  },
  smalltalkWhoAreYou: {
    et: 'Olen tugibot, SKA kasutajatoe vestlusrobot. Otsin vastuse teadmusbaasist SKAISi ja STARi kohta ning kui see ei aita, avan kasutajatoele pöördumise. Kirjuta küsimus oma sõnadega.',
    en: 'I am tugibot, the SKA support desk\'s chatbot. I look up answers about SKAIS and STAR in the knowledge base, and if that does not help, I open a case with the support desk. Type your question in your own words.',
  },
  smalltalkRobot: {
    et: 'Jah, olen robot – SKA kasutajatoe vestlusrobot. Vastan küsimustele SKAISi ja STARi kohta; kui vajad inimest, avan kasutajatoele pöördumise ja spetsialist vastab sulle.',
    en: 'Yes, I am a bot – the SKA support desk\'s chatbot. I answer questions about SKAIS and STAR; if you need a person, I open a case and a specialist will answer you.',
  },
  smalltalkInsult: {
    et: 'Kahju, et ma seekord ei aidanud. Kirjuta oma küsimus SKAISi või STARi kohta teiste sõnadega või palu mul avada pöördumine – siis vastab spetsialist.',
    en: 'I am sorry I have not helped so far. Try your question about SKAIS or STAR in other words, or ask me to open a case – then a specialist will answer.',
  },
  smalltalkAck: {
    et: 'Selge! Kui tekib veel küsimusi SKAISi või STARi kohta, kirjuta julgelt.',
    en: 'Alright! If you have more questions about SKAIS or STAR, just write.',
  },
  smalltalkOffTopic: {
    et: 'Sellega ma kahjuks aidata ei oska – vastan küsimustele SKAISi ja STARi kasutamise kohta. Kirjuta, mis sul nendega muret teeb.',
    en: 'I am afraid I cannot help with that – I answer questions about using SKAIS and STAR. Tell me what the trouble with them is.',
  },
  smalltalkGibberish: {
    et: 'Ma ei saanud sellest aru. Kirjuta oma küsimus SKAISi või STARi kohta, näiteks „kuidas STARi parooli vahetada“.',
    en: 'I did not understand that. Type your question about SKAIS or STAR, for example "how do I change my STAR password".',
  },
  notReady: {
    et: 'Teadmusbaasi alles laaditakse. Palun proovi mõne hetke pärast uuesti.',
    en: 'The knowledge base is still loading. Please try again in a moment.',
  },
  articleGone: {
    et: 'Seda juhendit ei ole enam olemas. Palun kirjuta oma küsimus uuesti.',
    en: 'That article no longer exists. Please type your question again.',
  },
  reportTitle: { et: 'Teadmusbaasi aruanne', en: 'Knowledge base report' },
  reportUnanswered: { et: 'Kõige sagedamini küsitud küsimused, millele vastust ei leitud', en: 'Most frequent questions with no answer found' },
  reportUnhelpful: { et: 'Artiklid, mis kõige sagedamini ei aidanud', en: 'Articles most often marked unhelpful' },
  reportNothing: { et: 'Andmeid veel ei ole.', en: 'No data yet.' },
  reportTimes: { et: '{count}×', en: '{count}×' },
  reportCounts: { et: '{unhelpful} ei aidanud, {helpful} aitas', en: '{unhelpful} not helpful, {helpful} helpful' },
  reportHelp: {
    et: 'küsimused, millele vastust ei leitud, artiklid, mis ei aidanud, ja sõnastuse ettepanekud',
    en: 'questions with no answer found, articles that did not help, and proposed phrasings',
  },
} satisfies Record<string, Text>;
