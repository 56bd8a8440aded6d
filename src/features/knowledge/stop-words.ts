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
olete oleme ollakse olles oma omal omale tahan tahaksin tahame tahad soovin sooviksin sooviks soovime
tekkis tekib juhtus juhtub hakkas hakkab hakkan sain saime tean teame tea ei tea tahtsin tahtsime
kusida kusin kusiksin kusime uurida uurin uuriksin teada teadma aru aidata aitaks aidake aita
nii naiteks nt jne vms ok okei hmm aa oi ah noh eks on ju ka pigem kuidagi kuskil kuskile kunagi
tegelikult nimelt seoses osas puhul korral ajal jarel ees taga sees peal all vahel ilma kaudu
sain aru selge super suureparane hea tore hasti halb
keegi kellegi kellelegi kas keegi oskab oskate oskaks teab teate
mul meil sul teil tal neil minul sinul
olen olin oled olid oli olnud olev olevat
see too need nood seesama sama samas samal
hommikust paevast ohtust
tahab tahaks tahtis tahtsid tahavad tuli tulid tulnud kaib kaia kais kainud enam tagasi juurde piisab piisaks
arvan arvad arvab arvavad arvasin pakub pakuvad niisama kuskilt kusagil kusagilt kuhugi mingil moel
uks kaks kolm neli viis kuus seitse kaheksa uheksa kumme esimene kolmas
ometigi lihtsalt vaid niiet seega siiski tegelt vahest akki kuidagimoodi mismoodi
`;

const ENGLISH = `
a an the to of in on at for with from by as is are am be been being was were do does did done
i me my mine we us our you your he she it its they them their this that these those there here
how what who whom whose why where when which can could should would will shall may might must
and or but if so not no yes please hi hello thanks thank hey ok okay just also very really
have has had having about into onto over any some all each
now currently still yet again already today often always sometimes usually yesterday tomorrow week
re ve ll nt isn aren wasn weren don doesn didn won wouldn shouldn couldn haven hasn hadn im ive id youre
theyre thats whats theres heres lets
dont doesnt didnt isnt arent wasnt werent wont wouldnt shouldnt couldnt havent hasnt hadnt youve weve theyve youll
myself yourself ourselves himself herself itself themselves mine yours ours her hers him his
want wanted wants wanna would like need know knew think thought tell told ask asked help helps
get got getting gets make made let lets go going gone goes come came see seen look looking
one someone somebody something anything anyone anybody everyone everything nothing
then than too more most much many other another such only own same
dear hello hi hey guys everybody good morning afternoon evening day
kind kindly regards best cheers thx
since because while though although however anyway actually basically maybe perhaps probably
there their up
`;

export const STOP_WORDS: ReadonlySet<string> = new Set(`${ESTONIAN} ${ENGLISH}`.split(/\s+/).filter(Boolean));
