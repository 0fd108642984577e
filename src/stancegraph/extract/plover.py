"""PLOVER: the event type table, cue lexicons, and country and sector tables.

In: nothing. Out: the 16 PLOVER event types with their quad class and conflict-cooperation
score, and the trigger lexicons ``stancegraph.extract.events`` matches against. The scoring
against PLOVER gold standards is ``stancegraph.evaluation.plover``.

Sources. Types, quad classes, modes and scores follow the PLOVER manual (Open Event Data
Alliance, draft 2.0, 4 February 2024): chapter 3 (definitions), Table 2.2 (scores), Table 7.2
(quad classes), Table 5.2 (sector codes), Table 7.1 and ``CAMEO2PLOVER-2021.txt`` (the mapping of
older CAMEO-era labels). The cue lexicons restate each chapter-3 definition as general English
verbs and nouns; nothing here is taken from an evaluation sentence. See ``docs/plover.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import get_args

from ..types import EventType

__all__ = [
    "CONTENT_VERBS",
    "COUNTRY_CODES",
    "EVENT_TYPES",
    "NOUN_CUES",
    "QUAD_CLASS",
    "QUAD_NAMES",
    "SECTOR_CODES",
    "VERB_CUES",
    "EventType",
    "country_form",
    "country_of",
    "plover_score",
    "sector_of",
]

EVENT_TYPES: tuple[EventType, ...] = get_args(EventType)

# Quad classes, manual Table 7.2 (the numeric "quad code" of the PLOVER JSON). The per-category
# text of chapter 3 puts SANCTION under material conflict (3.13.4); Table 7.2 and the PLOVER
# README put it under verbal conflict. The numbered table is used here.
QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
QUAD_CLASS: dict[str, int] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), 2),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "SANCTION", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}

# Conflict-cooperation scores, manual Table 2.2 (-10 most conflictual, +10 most cooperative).
# The table prints ACCUSE as +3 while every ACCUSE mode is -2 to -3.5 and ACCUSE is verbal
# conflict; the sign is taken to be a misprint and -3 is used.
_SCORES = """
AGREE 2.5 | CONSULT 2.5 | CONSULT:visit 4 | CONSULT:third-party 1 | CONSULT:multilateral 4
CONSULT:phone 1.5 | SUPPORT 5 | CONCEDE 4.5 | COOPERATE 9.5 | AID 10 | RETREAT 6.5
RETREAT:withdraw 8 | RETREAT:release 6.5 | RETREAT:disarm 10 | RETREAT:ceasefire 7.5
RETREAT:access 6.5 | RETREAT:resign 4.5 | REQUEST 0 | REQUEST:assist 0.5 | REQUEST:change -1
REQUEST:yield -1 | REQUEST:meet 0 | ACCUSE -3 | ACCUSE:disapprove -2 | ACCUSE:investigate -3.5
ACCUSE:allege -3.5 | REJECT -2 | REJECT:assist -1.5 | REJECT:change -2 | REJECT:yield -2
REJECT:meet -2 | THREATEN -3.5 | THREATEN:restrict -3 | THREATEN:arrest -3.5
THREATEN:relations -3.5 | THREATEN:expel -3.5 | THREATEN:territory -4 | THREATEN:violence -3.5
PROTEST -5 | PROTEST:demo -5 | PROTEST:riot -7 | PROTEST:strike -5 | PROTEST:hunger -4.5
PROTEST:boycott -4.5 | PROTEST:obstruct -4.5 | SANCTION -6 | SANCTION:convict -6
SANCTION:expel -5.5 | SANCTION:withdraw -6 | SANCTION:discontinue -6 | MOBILIZE -5.5
MOBILIZE:troops -6.5 | MOBILIZE:weapons -6.5 | MOBILIZE:police -5.5 | MOBILIZE:militia -6
COERCE -7 | COERCE:seize -7 | COERCE:restrict -7 | COERCE:censor -6.5 | COERCE:curfew -6.5
COERCE:martial-law -7.5 | COERCE:arrest -7 | COERCE:deport -7 | COERCE:withhold -7
COERCE:misinformation -6.5 | COERCE:cyber -7 | ASSAULT -9 | ASSAULT:abduct -8.5
ASSAULT:beat -7.5 | ASSAULT:torture -8.5 | ASSAULT:sexual -8.5 | ASSAULT:targeted -9.5
ASSAULT:destroy -8.5 | ASSAULT:primitive -8 | ASSAULT:firearms -9 | ASSAULT:explosives -9
ASSAULT:suicide-attack -9.5 | ASSAULT:aerial -9.5 | ASSAULT:drone -9.5
ASSAULT:heavy-weapons -9.5 | ASSAULT:crowd-control -7.5 | ASSAULT:unconventional -10
"""
SCORES: dict[str, float] = {
    key: float(value)
    for item in _SCORES.replace("\n", " | ").split("|")
    if item.strip()
    for key, value in [item.split()]
}


def plover_score(event_type: str, mode: str | None = None) -> float:
    """The manual's conflict-cooperation score of a type, refined by its mode when listed."""
    if mode and f"{event_type}:{mode}" in SCORES:
        return SCORES[f"{event_type}:{mode}"]
    return SCORES[event_type]


# -- cue lexicons ------------------------------------------------------------------------------
# Each entry is ``lemma`` or ``lemma:mode`` (a PLOVER category mode of chapter 3). Verbs are
# matched on their lemma; object-dependent verbs (lift, withdraw, send ...) are in the verb
# classes further down, since their type comes from what they act on.


def _cues(table: str) -> dict[str, tuple[EventType, str | None]]:
    out: dict[str, tuple[EventType, str | None]] = {}
    for block in table.strip().split("\n\n"):
        head, _, body = block.partition(":\n")
        etype = head.strip()
        assert etype in EVENT_TYPES, etype
        for item in body.split():
            word, _, mode = item.partition(":")
            out[word.replace("_", " ")] = (etype, mode or None)
    return out


# 3.1-3.16 restated as verbs. AGREE: agree, offer, promise, commit. CONSULT: meet, visit, host,
# negotiate, mediate. SUPPORT: praise, endorse, defend verbally, recognise, sign or ratify.
# CONCEDE: verbal concessions, pardons, regret. COOPERATE: material and judicial cooperation.
# AID: material aid, asylum, rescues. RETREAT: release, withdraw, disarm, surrender, resign.
# REQUEST: requests, demands, orders. ACCUSE: disapprove, allege, sue, investigate. REJECT:
# rejections and refusals, vetoes, defiance. THREATEN: threats. PROTEST: collective dissent.
# SANCTION: reducing relations, expelling, convicting. MOBILIZE: military or police moves short
# of force. COERCE: repression short of violence (arrest, ban, seize, deport, censor, hack).
# ASSAULT: deliberate physical harm.
VERB_CUES = _cues(
    """
AGREE:
agree promise pledge vow offer commit consent undertake guarantee invite volunteer

CONSULT:
meet visit host negotiate consult confer mediate telephone phone

SUPPORT:
praise commend endorse back hail applaud welcome laud approve support defend recognize
recognise ratify congratulate thank forgive salute

CONCEDE:
concede relent pardon acquit apologize apologise apologized regret capitulate compromise

COOPERATE:
cooperate collaborate extradite

AID:
aid assist donate fund finance rescue shelter

RETREAT:
retreat release free resign surrender disarm demobilize demobilise repatriate evacuate

REQUEST:
demand request urge ask appeal plead implore beseech petition press order insist summon
exhort

ACCUSE:
accuse allege blame criticize criticise condemn denounce decry deplore censure rebuke slam
blast lambaste chide charge:allege indict:allege sue:allege prosecute:allege
investigate:investigate probe:investigate complain disapprove

REJECT:
reject refuse decline veto oppose resist rebuff spurn snub defy renege dismiss disregard

THREATEN:
threaten menace

PROTEST:
protest:demo demonstrate:demo rally:demo march:demo riot:riot picket:demo boycott:boycott

SANCTION:
sanction embargo sever blacklist recall:withdraw downgrade convict:convict

MOBILIZE:
mobilize mobilise deploy:troops mass:troops station:troops reinforce:troops

COERCE:
arrest:arrest detain:arrest jail:arrest imprison:arrest apprehend:arrest intern:arrest
sentence:arrest deport:deport outlaw:restrict ban:restrict censor:censor seize:seize
confiscate:seize raid:seize impound:seize occupy:seize blockade:restrict restrict:restrict
repress suppress disperse harass intimidate hack:cyber deface:cyber expropriate:seize
nationalize:seize nationalise:seize annex:seize

ASSAULT:
attack assault bomb:explosives shell:heavy-weapons bombard:heavy-weapons strike kill murder
assassinate:targeted execute:targeted massacre:targeted shoot:firearms invade ambush torture:torture
abduct:abduct kidnap:abduct hijack:abduct behead:targeted stab:primitive beat:beat wound injure
destroy:destroy demolish:destroy burn:destroy torch:destroy raze:destroy clash fight battle
storm overrun lynch rape:sexual gas:unconventional slaughter:targeted detonate:explosives explode:explosives
shoot_down gun_down
"""
)

# Verbs followed by a particle or preposition that decides the event.
PHRASAL_CUES: dict[tuple[str, str], tuple[EventType, str | None]] = {
    ("call", "for"): ("REQUEST", None),
    ("call", "on"): ("REQUEST", None),
    ("call", "upon"): ("REQUEST", None),
    ("appeal", "for"): ("REQUEST", None),
    ("push", "for"): ("REQUEST", None),
    ("press", "for"): ("REQUEST", None),
    ("call", "off"): ("CONCEDE", None),
    ("back", "down"): ("CONCEDE", None),
    ("give", "in"): ("CONCEDE", None),
    ("step", "down"): ("RETREAT", "resign"),
    ("stand", "down"): ("RETREAT", "resign"),
    ("pull", "out"): ("RETREAT", "withdraw"),
    ("pull", "back"): ("RETREAT", "withdraw"),
    ("hand", "over"): ("RETREAT", "release"),
    ("lay", "down"): ("RETREAT", "disarm"),
    ("crack", "down"): ("COERCE", None),
    ("clamp", "down"): ("COERCE", None),
    ("shut", "down"): ("COERCE", "censor"),
    ("blow", "up"): ("ASSAULT", "explosives"),
    ("fire", "on"): ("ASSAULT", "firearms"),
    ("fire", "at"): ("ASSAULT", "firearms"),
    ("open", "fire"): ("ASSAULT", "firearms"),
    ("set", "fire"): ("ASSAULT", "destroy"),
    ("walk", "out"): ("SANCTION", "withdraw"),
    ("break", "off"): ("SANCTION", "discontinue"),
    ("cut", "off"): ("SANCTION", "discontinue"),
    ("talk", "with"): ("CONSULT", None),
    ("talk", "to"): ("CONSULT", None),
    ("speak", "with"): ("CONSULT", "phone"),
    ("agree", "with"): ("AGREE", None),
    ("side", "with"): ("SUPPORT", None),
    ("object", "to"): ("ACCUSE", "disapprove"),
    ("protest", "against"): ("PROTEST", "demo"),
    ("rally", "against"): ("PROTEST", "demo"),
    ("strike", "for"): ("PROTEST", "strike"),
    ("go", "on"): ("PROTEST", "strike"),  # "go on strike" (checked with its object noun)
}

# 3.1-3.16 restated as nouns (nominalisations and event nouns).
NOUN_CUES = _cues(
    """
AGREE:
promise pledge offer commitment invitation proposal

CONSULT:
talk talks negotiation negotiations meeting summit visit consultation consultations
discussion discussions dialogue mediation conference

SUPPORT:
support endorsement praise recognition relations ties

CONCEDE:
concession concessions amnesty pardon apology

COOPERATE:
cooperation collaboration trade extradition partnership

AID:
aid assistance donation grant loan relief asylum reparation reparations compensation funding
aid_package food_aid

RETREAT:
withdrawal:withdraw retreat:withdraw release:release resignation:resign surrender:disarm
ceasefire:ceasefire cease-fire:ceasefire truce:ceasefire disarmament:disarm
demobilization:disarm demobilisation:disarm pullout:withdraw

REQUEST:
demand demands request appeal plea petition call calls

ACCUSE:
accusation:allege allegation:allege allegations:allege charge:allege charges:allege
criticism:disapprove condemnation:disapprove complaint:disapprove lawsuit:allege
indictment:allege investigation:investigate probe:investigate inquiry:investigate

REJECT:
rejection refusal veto

THREATEN:
threat threats ultimatum warning

PROTEST:
protest:demo protests:demo demonstration:demo rally:demo march:demo riot:riot riots:riot
strike:strike walkout:strike sit-in:obstruct boycott:boycott hunger_strike:hunger unrest:riot

SANCTION:
sanction:discontinue sanctions:discontinue embargo:discontinue expulsion:expel

MOBILIZE:
mobilization:troops mobilisation:troops deployment:troops buildup:troops build-up:troops
exercise:troops exercises:troops drill:troops drills:troops maneuvers:troops manoeuvres:troops

COERCE:
arrest:arrest arrests:arrest detention:arrest crackdown:restrict curfew:curfew ban:restrict
blockade:restrict siege:restrict martial_law:martial-law raid:seize raids:seize
seizure:seize deportation:deport censorship:censor occupation:seize state_of_emergency:martial-law
restrictions:restrict restriction:restrict

ASSAULT:
attack attacks assault invasion bombing:explosives airstrike:aerial airstrikes:aerial
offensive shelling:heavy-weapons killing:targeted killings:targeted massacre:targeted
assassination:targeted ambush fighting clash clashes battle incursion shooting:firearms
kidnapping:abduct abduction:abduct hijacking:abduct torture:torture execution:targeted
bombardment:heavy-weapons hostilities cleansing genocide:targeted explosion:explosives explosions:explosives
blast:explosives blasts:explosives detonation:explosives
"""
)

# Verbs that take what follows as the content of their event ("agreed to cooperate", "demanded
# that they withdraw", "rejected a call for talks"): an event named inside it is not coded on its
# own (the manual: THREATEN rather than ASSAULT + hypothetical, AGREE rather than a future
# cooperative act), but lends its participants.
CONTENT_VERBS = frozenset(
    """
    agree offer promise pledge vow commit consent undertake guarantee invite accept allow permit
    refuse decline reject oppose resist veto threaten warn demand urge ask request appeal plead
    press order insist call seek accuse blame condemn criticize criticise denounce support back
    endorse welcome approve praise fail
    """.split()
)
# Nouns that take content the same way ("a proposal for talks", "a demand that they withdraw").
CONTENT_NOUNS = frozenset(
    """
    demand demands request appeal call calls plea petition proposal offer invitation promise
    pledge commitment threat ultimatum warning refusal rejection plan deal agreement accord
    """.split()
)

# Verbs that only announce an intention: what they govern is future ("plans to impose").
INTENT_VERBS = frozenset(
    "plan intend prepare decide aim seek want expect hope resolve mean schedule".split()
)
INTENT_ADJECTIVES = frozenset(
    "ready willing prepared set poised due determined committed eager likely keen".split()
)
# Adjectives that are events with a copula ("is opposed to", "is ready to help" is intent only).
ADJECTIVE_CUES: dict[str, tuple[EventType, str | None]] = {
    "opposed": ("REJECT", None),
    "critical": ("ACCUSE", "disapprove"),
    "supportive": ("SUPPORT", None),
}

# Verbs whose event comes from the event noun they act on.
INITIATE_VERBS = frozenset(
    """
    hold conduct have launch stage carry mount impose issue begin start resume continue
    intensify escalate make declare announce renew restore open organize organise step
    expand stage unleash wage undertake commence reimpose re-impose extend tighten order
    complete finish accelerate speed engage participate lodge
    call lodge file bring level enter hold_out seek express voice go observe implement respect
    """.split()
)
REVERSE_VERBS = frozenset(
    """
    lift ease end stop halt suspend cancel scrap abandon drop relax freeze terminate sever cut
    break postpone call_off withdraw revoke rescind loosen remove reduce curtail shorten
    """.split()
)
REACH_VERBS = frozenset("reach strike clinch forge broker hammer".split())
SIGN_VERBS = frozenset("sign ratify finalize finalise conclude seal".split())
GIVE_VERBS = frozenset(
    "provide give send deliver supply grant donate ship airlift offer channel allocate".split()
)
DEPLOY_VERBS = frozenset("send deploy dispatch move mass station position".split())
BREAK_VERBS = frozenset("violate breach break".split())

# Object nouns that decide a verb's event.
TROOP_NOUNS = frozenset(
    """
    troop troops force forces soldier soldiers army armies unit units battalion battalions
    brigade brigades division divisions warship warships ship ships tank tanks missile missiles
    jet jets fighter fighters aircraft submarine submarines artillery marine marines navy
    reinforcement reinforcements contingent militia
    """.split()
)
NON_MILITARY_PERSONNEL = frozenset(
    """
    diplomat diplomats ambassador ambassadors envoy envoys consul attache embassy inspector
    inspectors observer observers monitor monitors peacekeeper peacekeepers peacekeeping mission
    staff worker workers volunteer volunteers journalist journalists correspondent delegation
    """.split()
)
CAPTIVE_NOUNS = frozenset(
    """
    prisoner prisoners hostage hostages detainee detainees captive captives inmate inmates
    dissident dissidents activist activists
    """.split()
)
PROPERTY_NOUNS = frozenset(
    """
    property properties asset assets land territory weapon weapons arms equipment helicopter
    plane vessel ship cargo
    """.split()
)
SUPPLY_NOUNS = frozenset(
    """
    electricity power water fuel gas oil food internet supply supplies medicine medicines
    access service services
    """.split()
)
AID_NOUNS = frozenset(
    """
    aid assistance relief food medicine medicines supplies money fund funds funding loan loans
    grant grants credit credits donation donations equipment arms weapons help shelter asylum
    vaccine vaccines tent tents dollar dollars euro euros
    """.split()
)
# Event nouns whose reversal is material (RETREAT) rather than verbal (CONCEDE).
MATERIAL_RESTRICTIONS = frozenset(
    "sanction sanctions embargo blockade siege occupation boycott".split()
)
AGREEMENT_NOUNS = frozenset(
    """
    agreement agreements deal deals accord accords pact pacts treaty treaties settlement
    memorandum protocol convention compact consensus understanding
    """.split()
)

# Speech and thought verbs whose complement is reported ("said the army will withdraw").
REPORT_VERBS = frozenset(
    """
    say tell add state claim announce declare report write tweet post confirm reveal disclose
    insist warn predict suggest note stress reiterate assert argue explain indicate believe
    think expect fear hope know learn understand quote cite allege acknowledge admit deny
    signal hint
    """.split()
)
DEONTIC = frozenset("must should ought".split())
FUTURE_AUX = frozenset("will shall 'll wo".split())
MODAL_AUX = frozenset("might may could would can ca".split())

# Groups of people whose collective action is a street protest, not a diplomatic complaint.
PROTESTER_NOUNS = frozenset(
    """
    protester protesters protestor protestors demonstrator demonstrators activist activists
    student students worker workers resident residents villager villagers farmer farmers
    crowd crowds thousand thousands hundred hundreds supporter supporters opponent opponents
    people citizen citizens union unions teacher teachers doctor doctors nurse nurses miner
    miners driver drivers employee employees youth youths woman women man men trader traders
    """.split()
)


# -- countries and sectors ------------------------------------------------------------------
# Countries by ISO 3166 short name and alpha-3 code (manual 5.1), with common short forms,
# capitals (news names governments by them: "Moscow said") and demonyms. Forms written with
# capitals (US, UN, WHO) match only as written, so the pronoun "us" is not the United States.
# code | name | other names and capitals | demonyms (adjective and plural noun forms)
_TABLE = """
AFG|Afghanistan|kabul|afghan,afghans,afghani
ALB|Albania|tirana|albanian,albanians
DZA|Algeria|algiers|algerian,algerians
AGO|Angola|luanda|angolan,angolans
ARG|Argentina|buenos aires|argentine,argentinian,argentines,argentinians
ARM|Armenia|yerevan|armenian,armenians
AUS|Australia|canberra|australian,australians
AUT|Austria|vienna|austrian,austrians
AZE|Azerbaijan|baku|azerbaijani,azerbaijanis,azeri,azeris
BHR|Bahrain|manama|bahraini,bahrainis
BGD|Bangladesh|dhaka|bangladeshi,bangladeshis
BLR|Belarus|minsk|belarusian,belarusians
BEL|Belgium|brussels|belgian,belgians
BEN|Benin|porto-novo|beninese
BTN|Bhutan|thimphu|bhutanese
BOL|Bolivia|la paz,sucre|bolivian,bolivians
BIH|Bosnia and Herzegovina|bosnia,sarajevo|bosnian,bosnians
BWA|Botswana|gaborone|botswanan,motswana
BRA|Brazil|brasilia,brasília|brazilian,brazilians
BRN|Brunei|bandar seri begawan|bruneian
BGR|Bulgaria|sofia|bulgarian,bulgarians
BFA|Burkina Faso|ouagadougou|burkinabe
BDI|Burundi|bujumbura|burundian,burundians
KHM|Cambodia|phnom penh|cambodian,cambodians,khmer
CMR|Cameroon|yaounde,yaoundé|cameroonian,cameroonians
CAN|Canada|ottawa|canadian,canadians
CAF|Central African Republic|bangui|central african
TCD|Chad|n'djamena,ndjamena|chadian,chadians
CHL|Chile|santiago|chilean,chileans
CHN|China|beijing,PRC,people's republic of china|chinese
COL|Colombia|bogota,bogotá|colombian,colombians
COD|Democratic Republic of the Congo|DRC,dr congo,kinshasa|congolese
COG|Republic of the Congo|congo,brazzaville|
CRI|Costa Rica|san jose|costa rican,costa ricans
CIV|Ivory Coast|cote d'ivoire,côte d'ivoire,abidjan,yamoussoukro|ivorian,ivorians
HRV|Croatia|zagreb|croatian,croatians,croat,croats
CUB|Cuba|havana|cuban,cubans
CYP|Cyprus|nicosia|cypriot,cypriots
CZE|Czech Republic|czechia,prague|czech,czechs
DNK|Denmark|copenhagen|danish,dane,danes
DJI|Djibouti||djiboutian
DOM|Dominican Republic|santo domingo|dominican,dominicans
ECU|Ecuador|quito|ecuadorian,ecuadorians,ecuadorean
EGY|Egypt|cairo|egyptian,egyptians
SLV|El Salvador|san salvador|salvadoran,salvadorans,salvadorean
GNQ|Equatorial Guinea|malabo|equatoguinean
ERI|Eritrea|asmara|eritrean,eritreans
EST|Estonia|tallinn|estonian,estonians
SWZ|Eswatini|swaziland,mbabane|swazi,swazis
ETH|Ethiopia|addis ababa|ethiopian,ethiopians
FJI|Fiji|suva|fijian,fijians
FIN|Finland|helsinki|finnish,finn,finns
FRA|France|paris,elysee,élysée|french,frenchman,frenchmen
GAB|Gabon|libreville|gabonese
GMB|Gambia|the gambia,banjul|gambian,gambians
GEO|Georgia|tbilisi|georgian,georgians
DEU|Germany|berlin,west germany,east germany,bonn|german,germans
GHA|Ghana|accra|ghanaian,ghanaians
GRC|Greece|athens|greek,greeks
GTM|Guatemala|guatemala city|guatemalan,guatemalans
GIN|Guinea|conakry|guinean,guineans
GNB|Guinea-Bissau|bissau|bissau-guinean
GUY|Guyana|georgetown|guyanese
HTI|Haiti|port-au-prince|haitian,haitians
HND|Honduras|tegucigalpa|honduran,hondurans
HKG|Hong Kong||hongkonger,hongkongers
HUN|Hungary|budapest|hungarian,hungarians
ISL|Iceland|reykjavik|icelandic,icelander,icelanders
IND|India|new delhi,delhi|indian,indians
IDN|Indonesia|jakarta|indonesian,indonesians
IRN|Iran|tehran,teheran|iranian,iranians,persian
IRQ|Iraq|baghdad|iraqi,iraqis
IRL|Ireland|dublin,eire|irish
ISR|Israel|jerusalem,tel aviv|israeli,israelis
ITA|Italy|rome|italian,italians
JAM|Jamaica|kingston|jamaican,jamaicans
JPN|Japan|tokyo|japanese
JOR|Jordan|amman|jordanian,jordanians
KAZ|Kazakhstan|astana,almaty|kazakh,kazakhs,kazakhstani
KEN|Kenya|nairobi|kenyan,kenyans
PRK|North Korea|pyongyang,DPRK|north korean,north koreans
KOR|South Korea|seoul,korea,republic of korea|south korean,south koreans,korean,koreans
KOS|Kosovo|pristina|kosovar,kosovars,kosovan
KWT|Kuwait|kuwait city|kuwaiti,kuwaitis
KGZ|Kyrgyzstan|bishkek,kyrgyz republic|kyrgyz
LAO|Laos|vientiane|lao,laotian,laotians
LVA|Latvia|riga|latvian,latvians
LBN|Lebanon|beirut|lebanese
LSO|Lesotho|maseru|basotho
LBR|Liberia|monrovia|liberian,liberians
LBY|Libya|tripoli|libyan,libyans
LTU|Lithuania|vilnius|lithuanian,lithuanians
LUX|Luxembourg||luxembourgish,luxembourger
MDG|Madagascar|antananarivo|malagasy
MWI|Malawi|lilongwe|malawian,malawians
MYS|Malaysia|kuala lumpur|malaysian,malaysians
MDV|Maldives||maldivian
MLI|Mali|bamako|malian,malians
MLT|Malta|valletta|maltese
MRT|Mauritania|nouakchott|mauritanian,mauritanians
MUS|Mauritius|port louis|mauritian
MEX|Mexico|mexico city|mexican,mexicans
MDA|Moldova|chisinau,moldovia|moldovan,moldovans
MNG|Mongolia|ulaanbaatar|mongolian,mongolians
MNE|Montenegro|podgorica|montenegrin,montenegrins
MAR|Morocco|rabat|moroccan,moroccans
MOZ|Mozambique|maputo|mozambican,mozambicans
MMR|Myanmar|burma,naypyidaw,yangon,rangoon|burmese,myanmarese
NAM|Namibia|windhoek|namibian,namibians
NPL|Nepal|kathmandu|nepali,nepalese
NLD|Netherlands|holland,amsterdam,the hague|dutch
NZL|New Zealand|wellington|new zealander,new zealanders
NIC|Nicaragua|managua|nicaraguan,nicaraguans
NER|Niger|niamey|nigerien,nigeriens
NGA|Nigeria|abuja,lagos|nigerian,nigerians
MKD|North Macedonia|macedonia,skopje,FYROM|macedonian,macedonians
NOR|Norway|oslo|norwegian,norwegians
OMN|Oman|muscat|omani,omanis
PAK|Pakistan|islamabad|pakistani,pakistanis
PSE|Palestine|palestinian territories,gaza,west bank,ramallah,gaza strip|palestinian,palestinians
PAN|Panama|panama city|panamanian,panamanians
PNG|Papua New Guinea|port moresby|papua new guinean
PRY|Paraguay|asuncion,asunción|paraguayan,paraguayans
PER|Peru|lima|peruvian,peruvians
PHL|Philippines|manila|filipino,filipinos,philippine
POL|Poland|warsaw|polish,pole,poles
PRT|Portugal|lisbon|portuguese
QAT|Qatar|doha|qatari,qataris
ROU|Romania|bucharest|romanian,romanians
RUS|Russia|moscow,kremlin,russian federation,soviet union,USSR|russian,russians,soviet,soviets
RWA|Rwanda|kigali|rwandan,rwandans
SAU|Saudi Arabia|riyadh,saudi|saudi,saudis
SEN|Senegal|dakar|senegalese
SRB|Serbia|belgrade,yugoslavia|serbian,serbians,serb,serbs,yugoslav
SLE|Sierra Leone|freetown|sierra leonean
SGP|Singapore||singaporean,singaporeans
SVK|Slovakia|bratislava|slovak,slovaks,slovakian
SVN|Slovenia|ljubljana|slovenian,slovenians,slovene,slovenes
SOM|Somalia|mogadishu|somali,somalis
ZAF|South Africa|pretoria,cape town,johannesburg|south african,south africans
SSD|South Sudan|juba|south sudanese
ESP|Spain|madrid|spanish,spaniard,spaniards
LKA|Sri Lanka|colombo,ceylon|sri lankan,sri lankans
SDN|Sudan|khartoum|sudanese
SUR|Suriname|paramaribo|surinamese
SWE|Sweden|stockholm|swedish,swede,swedes
CHE|Switzerland|bern,geneva|swiss
SYR|Syria|damascus|syrian,syrians
TWN|Taiwan|taipei|taiwanese
TJK|Tajikistan|dushanbe|tajik,tajiks
TZA|Tanzania|dodoma,dar es salaam|tanzanian,tanzanians
THA|Thailand|bangkok|thai,thais
TLS|Timor-Leste|east timor,dili|timorese
TGO|Togo|lome,lomé|togolese
TTO|Trinidad and Tobago|trinidad,port of spain|trinidadian
TUN|Tunisia|tunis|tunisian,tunisians
TUR|Turkey|türkiye,ankara,istanbul|turkish,turk,turks
TKM|Turkmenistan|ashgabat|turkmen
UGA|Uganda|kampala|ugandan,ugandans
UKR|Ukraine|kyiv,kiev|ukrainian,ukrainians
ARE|United Arab Emirates|UAE,abu dhabi,dubai|emirati,emiratis
GBR|United Kingdom|UK,U.K.,britain,great britain,london,england,scotland,wales,northern ireland|british,briton,britons,english,scottish,welsh
USA|United States|US,U.S.,U.S.A.,USA,united states of america,america,washington|american,americans
URY|Uruguay|montevideo|uruguayan,uruguayans
UZB|Uzbekistan|tashkent|uzbek,uzbeks
VAT|Holy See|vatican,vatican city|
VEN|Venezuela|caracas|venezuelan,venezuelans
VNM|Vietnam|hanoi,viet nam|vietnamese
YEM|Yemen|sanaa,sana'a|yemeni,yemenis
ZMB|Zambia|lusaka|zambian,zambians
ZWE|Zimbabwe|harare|zimbabwean,zimbabweans
"""

# International actors PLOVER names by code instead of a country (manual, Table 5.1).
_INTERNATIONAL = """
UNO|United Nations|UN,U.N.,united nations,security council,UNICEF,UNHCR,world food program,world food programme,IAEA,WHO,world health organization
EUR|European Union|EU,E.U.,european union,european commission,european community,EC,european parliament
IGO|International Governmental Organization|NATO,african union,AU,arab league,OPEC,OSCE,ASEAN,world bank,IMF,international monetary fund,WTO,interpol,APEC,ECOWAS,G7,G20
NGO|Non-governmental Organization|red cross,ICRC,amnesty international,human rights watch,doctors without borders,MSF,oxfam,greenpeace
"""


def _parse_countries(table: str) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    forms: dict[str, tuple[str, str]] = {}
    names: dict[str, str] = {}
    for line in table.strip().splitlines():
        parts = line.split("|")
        code, name = parts[0], parts[1]
        names[code] = name
        for form in [name.lower()] + [p for part in parts[2:] for p in part.split(",")]:
            if form.strip():
                forms.setdefault(form.strip(), (name, code))
    return forms, names


_COUNTRY_FORMS, COUNTRY_CODES = _parse_countries(_TABLE)
_intl_forms, _intl_names = _parse_countries(_INTERNATIONAL)
for _form, _value in _intl_forms.items():
    _COUNTRY_FORMS.setdefault(_form, _value)
COUNTRY_CODES.update(_intl_names)
_MAX_FORM_WORDS = max(len(form.split()) for form in _COUNTRY_FORMS)


@lru_cache(maxsize=16384)
def country_of(phrase: str) -> tuple[str, str] | None:
    """(name, code) of the first country or international body a phrase names, or None.

    Takes the longest known form at each word from the left, so "Ukrainian President" gives
    Ukraine and "the U.S. Senate" the United States. Forms written with capitals in the table
    (US, UN, WHO) match only as written, so the pronoun "us" is not the United States.
    """
    words = [w[:-2] if w.endswith("'s") else w for w in phrase.replace("’", "'").split()]
    for start in range(len(words)):
        for size in range(min(_MAX_FORM_WORDS, len(words) - start), 0, -1):
            raw = " ".join(words[start : start + size])
            for exact in (raw, raw.strip(",.;:()\"'")):
                found = _COUNTRY_FORMS.get(exact)
                folded = exact.lower()
                if found is None and folded != exact and folded.upper() not in _COUNTRY_FORMS:
                    found = _COUNTRY_FORMS.get(folded)
                if found is not None:
                    return found
    return None


def country_form(phrase: str) -> str | None:
    """The country or international body a whole phrase is a form of ("German", "U.S.",
    "Britain"), or None; unlike ``country_of``, a longer phrase that only contains a form
    ("German Chancellor") is None. Capitalised table forms match only as written."""
    text = " ".join(phrase.replace("’", "'").split())
    text = text[:-2] if text.endswith("'s") else text
    found = _COUNTRY_FORMS.get(text)
    if found is None and text.lower() != text and text.lower().upper() not in _COUNTRY_FORMS:
        found = _COUNTRY_FORMS.get(text.lower())
    return found[0] if found is not None else None


# Sector words (manual Table 5.2): the readable sector stancegraph reports, its PLOVER code, and
# the nouns and adjectives that name it in news text.
_SECTORS = """
government GOV government governments administration cabinet ministry ministries minister
  ministers president presidents premier chancellor governor governors mayor mayors king queen
  emir sultan monarch regime authorities authority official officials presidency kremlin
  secretary spokesman spokeswoman spokesperson envoy ambassador diplomat diplomats embassy
  foreign_minister prime_minister state_department white_house council junta ruler rulers
  leader leaders delegation negotiator negotiators
military MIL military army armies troops troop soldier soldiers navy air_force marines general
  generals commander commanders forces force officer officers defence defense warplanes
  warplane jets artillery battalion brigade
police COP police policeman policemen officers security_forces gendarmerie riot_police
judiciary JUD court courts judge judges tribunal prosecutor prosecutors judiciary justice
legislature LEG parliament parliaments congress senate assembly legislature lawmakers lawmaker
  legislators legislator mp mps senator senators congressman congresswoman deputies
party PTY party parties
rebel REB rebel rebels insurgent insurgents guerrilla guerrillas guerillas militant militants
  separatist separatists fighters jihadists jihadist
opposition OPP opposition dissident dissidents
business BUS company companies firm firms business businesses corporation corporations bank
  banks industry investors investor businessman businessmen
media JRN newspaper newspapers journalist journalists reporter reporters media television
  radio broadcaster press magazine
civilian CVL civilians civilian residents resident villagers protesters protester
  demonstrators demonstrator activists activist citizens people crowd settlers settler
labor LAB union unions workers worker employees strikers miners
refugee REF refugees refugee migrants displaced asylum-seekers
religion REL church clergy cleric clerics bishop imam mosque priest priests pope
education EDU students student university universities school schools teachers teacher
health MED doctors doctor hospital hospitals nurses health_workers
intelligence SPY intelligence spy spies spy_agency
criminal CRM gang gangs criminals criminal cartel cartels smugglers traffickers
"""


def _parse_sectors(table: str) -> tuple[dict[str, str], dict[str, str]]:
    words: dict[str, str] = {}
    codes: dict[str, str] = {}
    for block in re.split(r"\n(?=\S)", table.strip()):
        name, code, *forms = block.split()
        codes[name] = code
        for form in forms:
            words.setdefault(form.replace("_", " "), name)
    return words, codes


_SECTOR_WORDS, SECTOR_CODES = _parse_sectors(_SECTORS)


def sector_of(words: Iterable[str]) -> str | None:
    """The sector the first sector word names ("Ukrainian President" -> government), or None."""
    seq = [w.lower() for w in words]
    for k, word in enumerate(seq):
        if k + 1 < len(seq):
            pair = f"{word} {seq[k + 1]}"
            if pair in _SECTOR_WORDS:
                return _SECTOR_WORDS[pair]
        if word in _SECTOR_WORDS:
            return _SECTOR_WORDS[word]
    return None
