"""PLOVER: the event type table, cue lexicons, country and sector tables, and the evaluation.

In: nothing for the tables; a PLOVER gold-standard file for :func:`evaluate_plover`. Out: the 16
PLOVER event types with their quad class and conflict-cooperation score, the trigger lexicons
:mod:`stancegraph.events` matches against, and an accuracy report.

Sources. Types, quad classes, modes and scores follow the PLOVER manual (Open Event Data
Alliance, draft 2.0, 4 February 2024): chapter 3 (definitions), Table 2.2 (scores), Table 7.2
(quad classes), Table 5.2 (sector codes), Table 7.1 and ``CAMEO2PLOVER-2021.txt`` (the mapping of
older CAMEO-era labels). The cue lexicons restate each chapter-3 definition as general English
verbs and nouns; nothing here is taken from an evaluation sentence. See ``docs/plover.md``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

if TYPE_CHECKING:
    from .events import Event

__all__ = [
    "CONTENT_VERBS",
    "COUNTRY_CODES",
    "EVENT_TYPES",
    "GSR_LABELS",
    "NOUN_CUES",
    "QUAD_CLASS",
    "QUAD_NAMES",
    "SECTOR_CODES",
    "VERB_CUES",
    "EventType",
    "PloverReport",
    "TypeScore",
    "country_of",
    "evaluate_plover",
    "evaluate_wikievents",
    "format_plover_report",
    "map_gsr_label",
    "plover_score",
    "sector_of",
]

EventType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
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


# -- evaluation ------------------------------------------------------------------------------
# The gold-standard file codes with an older PLOVER draft (0.5b1-0.6b1). Its labels map to the
# 16 types of the current manual by Table 7.1 and CAMEO2PLOVER-2021.txt: DEMAND became REQUEST
# (CAMEO 10), DISAPPROVE and INVESTIGATE became ACCUSE (CAMEO 11 and 09, modes disapprove and
# investigate), FIGHT became ASSAULT (CAMEO 19); the rest kept their names. A label missing
# here has no clean mapping: it is reported and left out.
GSR_LABELS: dict[str, EventType] = {
    **{t: t for t in EVENT_TYPES},
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}

# WikiEvents (KAIROS ontology) types that map cleanly to one PLOVER type. Life.Die and
# Life.Injure name outcomes, not acts (a death may be natural); Contact.Contact.Unspecified is
# any communication; Justice.Sentence and Convict straddle SANCTION and COERCE: all left out.
WIKIEVENTS_TYPES: dict[str, EventType] = {
    "Conflict.Attack": "ASSAULT",
    "Conflict.Demonstrate": "PROTEST",
    "Justice.ArrestJailDetain": "COERCE",
    "Contact.ThreatenCoerce": "THREATEN",
    "Contact.RequestCommand": "REQUEST",
    "Contact.Contact.Meet": "CONSULT",
    "Justice.ChargeIndict": "ACCUSE",
    "Justice.InvestigateCrime": "ACCUSE",
    "Justice.ReleaseParole": "RETREAT",
}
# Outcome types a predicted ASSAULT may legitimately sit on ("killed"): neither hit nor miss.
_WIKIEVENTS_NEUTRAL = ("Life.Die", "Life.Injure", "ArtifactExistence.DamageDestroyDisableDismantle")

# Words too generic to make a source or target match on their own ("officials", "the
# government"): a match needs a shared content word, unless the gold names only such words.
_GENERIC = frozenset(
    """
    the a an of and for in on at to by with from 's ’s its their his her
    government governments official officials authority authorities force forces troops army
    people group groups leader leaders president minister ministers police party spokesman
    state states country countries side sides member members
    """.split()
)


def map_gsr_label(label: str) -> EventType | None:
    """The current PLOVER type of an older gold-standard label, or None without a clean one."""
    return GSR_LABELS.get(label.strip().upper())


def _tokens(text: str) -> set[str]:
    return {w for w in re.findall(r"[\w'’.-]+", text.lower().replace("’", "'")) if w not in {"'s"}}


def _content_words(text: str) -> set[str]:
    words = {w.strip(".'") for w in _tokens(text)} - {""}
    content = words - _GENERIC
    return content if content else words - {"the", "a", "an", "of", "and"}


def participant_matches(predicted: Iterable[str], gold: Iterable[str]) -> bool:
    """True when a predicted text or canonical name shares a content word with a gold actor."""
    gold_words: set[str] = set()
    for text in gold:
        gold_words |= _content_words(text)
    if not gold_words:
        return False
    return any(_content_words(text) & gold_words for text in predicted)


@dataclass(frozen=True, slots=True)
class TypeScore:
    """Precision, recall and F1 of one event type (or of all, micro-averaged)."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class PloverReport:
    """Event typing and participant accuracy against gold-standard sentences."""

    sentences: int  # scored sentences (mapped labels)
    unmapped: Mapping[str, int]  # old labels without a clean mapping: left out
    type_accuracy: float  # the most confident predicted event has the gold type
    micro: TypeScore
    by_type: Mapping[str, TypeScore]
    matched: int
    source_correct: int
    source_total: int  # matched events whose gold has a source
    target_correct: int
    target_total: int  # matched events whose gold has a target
    confusions: Mapping[tuple[str, str], int]  # (gold, primary predicted or NONE) -> count
    misses: Sequence[tuple[str, str, str]] = field(default_factory=tuple)  # (id, gold, predicted)

    @property
    def source_accuracy(self) -> float:
        return self.source_correct / self.source_total if self.source_total else 0.0

    @property
    def target_accuracy(self) -> float:
        return self.target_correct / self.target_total if self.target_total else 0.0

    @property
    def macro_f1(self) -> float:
        scores = [s.f1 for s in self.by_type.values() if s.tp + s.fn]
        return sum(scores) / len(scores) if scores else 0.0


def _gold_actor_texts(value: Any) -> list[str]:
    if not value or not isinstance(value, list):
        return []
    return [
        str(a.get("actorText", "")) for a in value if isinstance(a, dict) and a.get("actorText")
    ]


def load_gsr(path: str | Path) -> tuple[list[dict[str, Any]], Counter[str]]:
    """The gold records with mapped labels (``label`` added), and counts of unmapped labels."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    records: list[dict[str, Any]] = []
    unmapped: Counter[str] = Counter()
    for record in data:
        label = str(record.get("event", ""))
        if label == "DOCUMENT" or not record.get("text"):
            continue
        mapped = map_gsr_label(label)
        if mapped is None:
            unmapped[label] += 1
            continue
        records.append({**record, "label": mapped})
    return records, unmapped


def _participant_texts(event: Event, which: str, names: Mapping[str, str]) -> list[str]:
    p = event.source if which == "source" else event.target
    if p is None:
        return []
    texts = [p.text]
    if p.actor is not None and p.actor in names:
        texts.append(names[p.actor])
    return texts


def evaluate_plover(
    path: str | Path, *, model: str | None = None, limit: int | None = None
) -> PloverReport:
    """Score :func:`stancegraph.events.extract_events` on a PLOVER gold-standard file.

    Each record is one sentence with one gold event. A predicted event in the sentence matches
    when its type equals the (mapped) gold type; of several, the best is the one whose source
    and target match, then the most confident. Unmatched predicted events are false positives
    of their type, an unmatched gold event a false negative of its. On matched events, the
    source (target) is correct when the predicted text or its actor's canonical name shares a
    content word with a gold actorText. The article date is the record's date.
    """
    from ..types import Document
    from .actors import extract_actors
    from .events import extract_events, participant_spans
    from .nlp import load_pipeline
    from .quotes import extract_raw_quotes

    records, unmapped = load_gsr(path)
    if limit is not None:
        records = records[:limit]
    nlp = load_pipeline(model)
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    confusions: Counter[tuple[str, str]] = Counter()
    misses: list[tuple[str, str, str]] = []
    correct_primary = matched = 0
    source_ok = source_n = target_ok = target_n = 0
    docs = nlp.pipe([str(r["text"]) for r in records], batch_size=64)
    for record, doc in zip(records, docs, strict=True):
        gold: str = record["label"]
        document = Document(id=str(record.get("id")), text=doc.text, date=record.get("date"))
        raws = extract_raw_quotes(doc, text=doc.text)
        speakers = [doc[r.speaker[0] : r.speaker[1]] for r in raws if r.speaker is not None]
        table = extract_actors(doc, [*speakers, *participant_spans(doc)], text=doc.text)
        reported = [piece for r in raws for piece in r.pieces]
        events = extract_events(doc, table, document, reported=reported)
        names = {a.id: a.name for a in table.actors}
        gold_sources = _gold_actor_texts(record.get("source"))
        gold_targets = _gold_actor_texts(record.get("target"))
        primary = max(events, key=lambda e: (e.confidence, -e.trigger_start), default=None)
        primary_type = primary.type if primary is not None else "NONE"
        confusions[(gold, primary_type)] += 1
        if primary_type == gold:
            correct_primary += 1
        candidates = [e for e in events if e.type == gold]
        best: Event | None = None
        if candidates:
            best = max(
                candidates,
                key=lambda e: (
                    participant_matches(_participant_texts(e, "source", names), gold_sources),
                    participant_matches(_participant_texts(e, "target", names), gold_targets),
                    e.confidence,
                ),
            )
            tp[gold] += 1
            matched += 1
            if gold_sources:
                source_n += 1
                texts = _participant_texts(best, "source", names)
                source_ok += participant_matches(texts, gold_sources)
            if gold_targets:
                target_n += 1
                texts = _participant_texts(best, "target", names)
                target_ok += participant_matches(texts, gold_targets)
        else:
            fn[gold] += 1
            misses.append((str(record.get("id")), gold, ",".join(e.type for e in events) or "NONE"))
        for event in events:
            if event is not best:
                fp[event.type] += 1
    by_type: dict[str, TypeScore] = {t: TypeScore(tp[t], fp[t], fn[t]) for t in EVENT_TYPES}
    micro = TypeScore(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return PloverReport(
        sentences=len(records),
        unmapped=dict(unmapped),
        type_accuracy=correct_primary / len(records) if records else 0.0,
        micro=micro,
        by_type=by_type,
        matched=matched,
        source_correct=source_ok,
        source_total=source_n,
        target_correct=target_ok,
        target_total=target_n,
        confusions=dict(confusions),
        misses=tuple(misses),
    )


def format_plover_report(report: PloverReport, *, confusions: int = 12) -> str:
    """A plain-text report: overall numbers, a per-type table and the commonest confusions."""
    lines = [
        f"sentences scored: {report.sentences}",
        "unmapped labels (left out): "
        + (", ".join(f"{k} {v}" for k, v in sorted(report.unmapped.items())) or "none"),
        f"event type accuracy (most confident event): {report.type_accuracy:.3f}",
        f"event type micro P/R/F1: {report.micro.precision:.3f} / {report.micro.recall:.3f}"
        f" / {report.micro.f1:.3f}   (macro F1 {report.macro_f1:.3f})",
        f"source accuracy on matched events: {report.source_accuracy:.3f}"
        f" ({report.source_correct}/{report.source_total})",
        f"target accuracy on matched events: {report.target_accuracy:.3f}"
        f" ({report.target_correct}/{report.target_total})",
        "",
        f"{'type':<10} {'gold':>5} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}",
    ]
    for etype, s in report.by_type.items():
        if not (s.tp or s.fp or s.fn):
            continue
        lines.append(
            f"{etype:<10} {s.tp + s.fn:>5} {s.tp:>4} {s.fp:>4} {s.fn:>4}"
            f" {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
        )
    wrong = sorted(((n, g, p) for (g, p), n in report.confusions.items() if g != p), reverse=True)[
        :confusions
    ]
    if wrong:
        lines += ["", "commonest confusions (gold -> most confident prediction):"]
        lines += [f"  {g:<10} -> {p:<10} {n}" for n, g, p in wrong]
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class WikiEventsReport:
    """Trigger-level recall and precision on the WikiEvents types that map to PLOVER."""

    documents: int
    by_type: Mapping[str, TypeScore]
    micro: TypeScore


def evaluate_wikievents(
    paths: Sequence[str | Path], *, model: str | None = None, require_source: bool = True
) -> WikiEventsReport:
    """Score events against WikiEvents triggers (``dev.jsonl``/``test.jsonl``).

    The text is the document's tokens joined by spaces. A gold trigger of a mapped type is found
    when a predicted event of that PLOVER type has a trigger overlapping it. A predicted event of
    a scored type is a false positive unless its trigger overlaps a gold trigger of its type, or
    of an outcome type (Life.Die, Life.Injure, damage) that a PLOVER event may sit on.
    """
    from ..types import Document
    from .actors import extract_actors
    from .events import extract_events, participant_spans
    from .nlp import load_pipeline

    nlp = load_pipeline(model)
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    scored = set(WIKIEVENTS_TYPES.values())
    n_docs = 0
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            tokens: list[str] = item["tokens"]
            offsets: list[int] = []
            at = 0
            for tok in tokens:
                offsets.append(at)
                at += len(tok) + 1
            text = " ".join(tokens)
            doc = nlp(text)
            table = extract_actors(doc, participant_spans(doc), text=text)
            events = extract_events(
                doc, table, Document(id=item["doc_id"], text=text), require_source=require_source
            )
            gold: list[tuple[int, int, EventType | None, bool]] = []
            for mention in item.get("event_mentions", []):
                trig = mention["trigger"]
                start = offsets[trig["start"]]
                end = offsets[trig["end"] - 1] + len(tokens[trig["end"] - 1])
                etype = mention["event_type"]
                mapped = next((v for k, v in WIKIEVENTS_TYPES.items() if etype.startswith(k)), None)
                neutral = etype.startswith(_WIKIEVENTS_NEUTRAL)
                gold.append((start, end, mapped, neutral))
            for start, end, mapped, _neutral in gold:
                if mapped is None:
                    continue
                if any(
                    e.type == mapped and e.trigger_start < end and start < e.trigger_end
                    for e in events
                ):
                    tp[mapped] += 1
                else:
                    fn[mapped] += 1
            for event in events:
                if event.type not in scored:
                    continue
                overlapping = [
                    g for g in gold if event.trigger_start < g[1] and g[0] < event.trigger_end
                ]
                if any(g[2] == event.type for g in overlapping):
                    continue  # counted as a hit above
                if any(g[3] for g in overlapping):
                    continue
                fp[event.type] += 1
            n_docs += 1
    by_type: dict[str, TypeScore] = {
        t: TypeScore(tp[t], fp[t], fn[t]) for t in EVENT_TYPES if t in scored
    }
    micro = TypeScore(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return WikiEventsReport(documents=n_docs, by_type=by_type, micro=micro)


def format_wikievents_report(report: WikiEventsReport) -> str:
    lines = [
        f"documents: {report.documents}",
        f"trigger micro P/R/F1: {report.micro.precision:.3f} / {report.micro.recall:.3f}"
        f" / {report.micro.f1:.3f}",
        f"{'type':<10} {'gold':>5} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}",
    ]
    for etype, s in report.by_type.items():
        lines.append(
            f"{etype:<10} {s.tp + s.fn:>5} {s.tp:>4} {s.fp:>4} {s.fn:>4}"
            f" {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m stancegraph.plover GSR_FILE [WIKIEVENTS.jsonl ...]``: print the reports."""
    import sys

    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print("usage: python -m stancegraph.plover PLOVER_GSR_CAMEO.txt [wikievents.jsonl ...]")
        return 2
    print(format_plover_report(evaluate_plover(args[0])))
    if len(args) > 1:
        for require in (True, False):
            print()
            print(
                "WikiEvents, events "
                + ("with a source only" if require else "with or without a source")
            )
            print(format_wikievents_report(evaluate_wikievents(args[1:], require_source=require)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
