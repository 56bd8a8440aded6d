/**
 * Words that carry no topic, folded (lower case, no diacritics). Negations are not here: "ei saa"
 * and "ei tööta" are turned into their own tokens by the phrase rules before stop words go.
 */
const ESTONIAN = `
ja ning ka et kui kas mis mida mille millele millest milline millised milliseid millist milliste
kes keda kelle kellel kellele kelleltki kuidas miks kus kust kuhu millal kas kaua
ma mina mu minu mul mulle mind minult minul meie me meil meile meid meilt sa sina su sinu sul sulle sind
ta tema tal talle teda temal te teie teil teile nad nemad neil neile neid nende
see seda selle sellel sellele sellest selles sellega need nende neid seal siin siis sest seega
on oli olen oled olema olnud ole oleks olid olin pole polnud ei ara
peab pean pead peaks peame peavad pidi tuleb tuleks vois voib voin voiks voiksin
kuid aga voi ehk nii veel juba ikka vaga praegu nuud kohe alati tihti jalle uuesti ainult lihtsalt
mingi mingit mingid mingeid keegi midagi miski koik koiki koigi uks uhe uht ise enda oma oma endale
palun tere tanan aitah tsau hei okei ok jah no noh vist ilmselt kindlasti
uldse ikkagi ju kull siiski vaid isegi eriti tapselt natuke veidi lausa nagu justkui ometi muidugi
kuna sest selleks et siia sinna seal siis kas ehk umbes ule alla vastu juures kohta poolt jaoks abil
mind meid teid neid mis asi asja asjad
hetk hetke hetkel hetkest hetkeks alates eile tana homme ule eelmine eelmisel eelmisest jargmine jargmisel
nadal nadala nadalal nadalas paev paeval paevas sageli pidevalt kellega
teha tehakse teeb teen teeme teevad tegema tegin tegi tegid teinud
`;

const ENGLISH = `
a an the to of in on at for with from by as is are am be been being was were do does did done
i me my mine we us our you your he she it its they them their this that these those there here
how what who whom whose why where when which can could should would will shall may might must
and or but if so not no yes please hi hello thanks thank hey ok okay just also very really
have has had having about into onto over any some all each
now currently still yet again already today often always sometimes usually yesterday tomorrow week
`;

export const STOP_WORDS: ReadonlySet<string> = new Set(`${ESTONIAN} ${ENGLISH}`.split(/\s+/).filter(Boolean));
