"""Word lists: general English knowledge the extractors match against.

In: nothing. Out: frozensets of lemmas and lower-cased words. Verb classes follow the usual
grammar-book grouping of reporting verbs (communication, cognition, attitude); titles and group
nouns are ordinary English vocabulary of news writing. Nothing here names a person or quotes an
article.
"""

from __future__ import annotations

__all__ = [
    "ATTITUDE_ADJECTIVES",
    "AUTHOR_VERBS",
    "COUNTRIES",
    "COUNTRY_NAMES",
    "DOCUMENT_NOUNS",
    "FACILITY_NOUNS",
    "FEMALE_NAMES",
    "FEMALE_WORDS",
    "GOVERNMENT_SEATS",
    "GROUP_NOUNS",
    "LAW_NOUNS",
    "MALE_NAMES",
    "MALE_WORDS",
    "NOMINAL_CUES",
    "ORGANIZATION_NOUNS",
    "PARTY_WORDS",
    "PLATFORMS",
    "POSITION_VERBS",
    "PRONOUNS",
    "SPEECH_VERBS",
    "THOUGHT_VERBS",
    "TITLE_WORDS",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(w.strip().lower() for w in text.split() if w.strip())


# Verbs of saying and writing: take a clause, a quote or a reported question as complement.
SPEECH_VERBS = _words(
    """
    say tell add state claim argue explain note warn insist announce declare report write tweet
    post acknowledge admit deny suggest hint predict promise vow pledge threaten urge demand ask
    reply respond answer comment remark contend assert maintain stress emphasize emphasise
    reiterate confirm concede complain reveal disclose recall joke quip boast allege charge
    testify counter retort observe mention indicate signal caution advise recommend propose
    continue conclude describe characterize characterise call label dub brand blast slam praise
    criticize criticise accuse blame question challenge dispute decry denounce condemn lament
    concur agree disagree object protest plead appeal implore lobby press repeat echo speculate
    estimate forecast calculate assure reassure inform notify tell announce proclaim affirm
    attest certify swear guarantee caution whisper shout yell scream cry exclaim muse ponder
    wonder grumble mutter acknowledge emphasise underline underscore highlight point explain
    clarify elaborate summarize summarise specify outline detail cite quote read show find
    tout hail applaud welcome thank congratulate apologize apologise confess talk speak discuss
    refer express remind imply insinuate reply tweet retweet blog broadcast publish
    """
)

# Verbs of thinking, knowing and feeling: take a clause as complement.
THOUGHT_VERBS = _words(
    """
    think believe feel expect hope fear worry know doubt consider assume suppose suspect
    realize realise understand recognize recognise reckon guess imagine figure judge deem
    regard view see sense presume trust bet wish
    """
)

# Verbs of position-taking: take a clause, an infinitive or a noun phrase as complement.
POSITION_VERBS = _words(
    """
    want support oppose reject back endorse favor favour defend advocate champion push seek
    refuse decline resist veto block dismiss deny approve accept embrace welcome prefer
    demand request propose recommend call urge plan intend aim vow pledge promise threaten
    criticize criticise condemn denounce blast slam attack praise applaud hail commend
    fight challenge question dispute contest deplore lament encourage vote lobby campaign
    """
)

# Nouns that introduce what someone said or thinks ("his claim that ...", "calls for ...").
NOMINAL_CUES = _words(
    """
    statement claim claims assertion argument warning promise pledge vow threat call calls
    demand demands insistence belief view fear fears hope hopes suggestion proposal remark
    remarks comment comments announcement admission denial allegation allegations accusation
    accusations charge charges prediction assurance assurances testimony criticism
    """
)

# Adjectives of belief and attitude that take a clause or an object ("confident that ...",
# "critical of ...").
ATTITUDE_ADJECTIVES = _words(
    """
    confident sure certain convinced optimistic pessimistic hopeful worried concerned afraid
    fearful aware skeptical sceptical doubtful critical supportive opposed eager determined
    adamant insistent clear unhappy happy glad pleased disappointed angry furious upset
    frustrated satisfied proud grateful thankful sorry wary open
    """
)

# Documents and media that can be the source of a statement ("the letter says").
DOCUMENT_NOUNS = _words(
    """
    letter statement report memo memorandum document documents filing lawsuit complaint
    ruling decision order indictment affidavit study survey poll analysis review audit
    resolution bill law declaration communique communiqué release press-release email emails
    message tweet post video ad advertisement campaign-ad transcript testimony records
    brief motion petition agreement treaty plan proposal platform manifesto op-ed editorial
    column book article paper investigation inquiry judgment verdict opinion
    """
)

# Verbs by which someone makes a text its author: "sent a letter", "a letter signed by".
AUTHOR_VERBS = _words(
    """
    write sign send release issue publish pen draft file submit deliver post author cosign
    co-sign circulate co-author coauthor
    """
)

# Nouns for groups of people who speak or act together.
GROUP_NOUNS = _words(
    """
    official officials lawmaker lawmakers legislator legislators senator senators representative
    representatives congressman congressmen congresswoman congresswomen member members
    democrat democrats republican republicans conservative conservatives liberal liberals
    progressive progressives protester protesters protestor protestors demonstrator
    demonstrators activist activists critic critics supporter supporters opponent opponents
    analyst analysts expert experts economist economists scientist scientists researcher
    researchers resident residents voter voters citizen citizens worker workers employee
    employees leader leaders minister ministers diplomat diplomats negotiator negotiators
    authority authorities police investigator investigators prosecutor prosecutors lawyer
    lawyers attorney attorneys advocate advocates aide aides adviser advisers advisor advisors
    spokesperson spokespeople spokesman spokesmen spokeswoman spokeswomen source sources
    witness witnesses observer observers delegate delegates rebel rebels militant militants
    soldier soldiers troops forces military government governments administration
    administrations agency agencies ministry ministries department court judge judges
    campaign campaigns party parties union unions group groups organization organizations
    organisers organizers people students teachers doctors nurses farmers parents families
    insiders strategists donors candidates candidate pollster pollsters commentators
    politician politicians pundit pundits journalist journalists reporter reporters editor
    editors executive executives investor investors shareholder shareholders lender lenders
    borrower borrowers insurer insurers drugmaker drugmakers consumer consumers customer
    customers taxpayer taxpayers homeowner homeowners tenant tenants landlord landlords patient
    patients physician physicians immigrant immigrants migrant migrants refugee refugees
    asylum-seeker asylum-seekers victim victims survivor survivors relative relatives attacker
    attackers terrorist terrorists jihadist jihadists extremist extremists gunman gunmen
    veteran veterans retiree retirees ally allies rival rivals backer backers follower
    followers skeptic skeptics moderator moderators responder responders technologist
    technologists clergy bishops priests believers worshippers pilgrims fans viewers readers
    dissident dissidents sympathizer sympathizers sympathiser sympathisers owner owners
    volunteer volunteers outsider outsiders academic academics denier deniers drafter drafters
    settlers farmworkers landowners
    """
)

# Social media and messaging platforms: companies, and channels where people post ("wrote on
# Instagram"), never persons.
PLATFORMS = _words(
    """
    twitter facebook instagram youtube tiktok telegram whatsapp snapchat linkedin reddit weibo
    wechat vkontakte mastodon
    """
)

# Nouns for institutions that act as one body ("the council voted", "the ministry said").
ORGANIZATION_NOUNS = _words(
    """
    council committee commission ministry government administration parliament congress senate
    assembly legislature court tribunal agency authority department office bureau board union
    party campaign company firm corporation bank fund foundation institute university school
    hospital army navy police military coalition alliance federation association league
    organization organisation network newspaper paper channel broadcaster station magazine
    cabinet presidency kremlin embassy consulate mission secretariat regulator watchdog
    """
)

# Last words of the names of buildings and sites ("Al Noor Mosque", "the Mayflower Hotel"):
# such a name is where something happens unless the text makes it speak or act.
FACILITY_NOUNS = _words(
    """
    airport arena auditorium basilica bridge building castle cathedral chapel
    church clinic hall highway hotel mall memorial monument mosque museum park plaza port
    prison resort road square stadium station street synagogue temple theater theatre tower
    """
)

# Last words of the names of laws and similar texts ("the Human Life Protection Act", "the
# Constitution"): objects of politics, actors only when the text makes them speak.
LAW_NOUNS = _words(
    """
    act acts amendment amendments bill code constitution law laws statute ordinance directive
    regulation regulations
    """
)

# Title and role words that stand before or after a name ("House Minority Leader", "Sen.").
TITLE_WORDS = _words(
    """
    president vice-president vice premier chancellor prime minister secretary senator sen.
    representative rep. congressman congresswoman governor gov. mayor judge justice chief
    leader speaker chairman chairwoman chair chairperson director spokesman spokeswoman
    spokesperson ambassador envoy general gen. admiral adm. colonel col. commander officer
    minister king queen prince princess sheikh emir pope cardinal bishop rev. reverend dr.
    doctor professor prof. mr. mrs. ms. miss sir lord lady attorney counsel deputy assistant
    ceo chief executive founder head commissioner sheriff councilman councilwoman councillor
    lawmaker legislator delegate candidate nominee adviser advisor aide strategist pollster
    analyst economist official officer manager presidential former acting interim incoming
    outgoing state foreign defense defence finance interior health justice
    """
)

# Words that tell a person's gender when they stand in a title or role.
MALE_WORDS = _words(
    """
    mr. mr he him his himself man king prince sir lord father son brother husband congressman
    spokesman chairman councilman businessman sheikh emir pope cardinal
    """
)
FEMALE_WORDS = _words(
    """
    mrs. mrs ms. ms miss she her hers herself woman queen princess lady mother daughter sister
    wife congresswoman spokeswoman chairwoman councilwoman businesswoman
    """
)

# Common given names (frequent in English-language and European naming statistics), to guess the
# gender of a person actor when the text gives no title. A guess only refines pronoun
# resolution and keeps a Mr. from joining a Karen; it never merges actors by itself.
MALE_NAMES = _words(
    """
    james john robert michael william david richard joseph thomas charles christopher daniel
    matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
    ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin
    scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry
    tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy
    christian keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse
    jordan bryan billy joe bruce gabriel logan albert willie alan juan wayne elijah randy roy
    vincent ralph eugene russell bobby mason philip louis mike bill bob tom jim ted ben chris
    rick dick al joe benjamin justin mohammed muhammad ahmed ali hassan ibrahim omar abdullah
    kim jean pierre francois jacques giuseppe carlos luis miguel pedro antonio manuel javier
    jorge fernando hans klaus karl friedrich heinz dieter lars nils jan piotr andrzej ivan
    alexei nikolai yuri igor oleg
    """
)
FEMALE_NAMES = _words(
    """
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty
    margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah
    stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela
    nicole emma samantha katherine christine debra rachel catherine carolyn janet ruth maria
    heather diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn judith
    megan cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice
    jean alice madison doris abigail julia judy grace denise amber marilyn beverly danielle
    theresa sophia marie diana brittany natalie isabella charlotte rose alexis kayla sarah nancy
    elizabeth michelle angela theresa christine fatima aisha svetlana olga natalia irina tatiana
    ana carmen lucia sofia isabel
    """
)

PRONOUNS: dict[str, tuple[str, str]] = {
    # pronoun -> (gender or "", number)
    "he": ("m", "sg"),
    "him": ("m", "sg"),
    "she": ("f", "sg"),
    "her": ("f", "sg"),
    "it": ("n", "sg"),
    "they": ("", "pl"),
    "them": ("", "pl"),
    "we": ("", "pl"),
    "us": ("", "pl"),
    "i": ("", "sg"),
    "me": ("", "sg"),
    "you": ("", ""),
}

# Sovereign states and common short forms, for telling countries from other places.
COUNTRIES = frozenset(
    name.strip()
    for name in """
    afghanistan, albania, algeria, america, andorra, angola, antigua and barbuda, argentina,
    armenia, australia, austria, azerbaijan, bahamas, bahrain, bangladesh, barbados, belarus,
    belgium, belize, benin, bhutan, bolivia, bosnia, bosnia and herzegovina, botswana,
    brazil, britain, brunei, bulgaria, burkina faso, burma, burundi, cambodia, cameroon,
    canada, cape verde, central african republic, chad, chile, china, colombia, comoros,
    congo, costa rica, croatia, cuba, cyprus, czech republic, czechia, denmark, djibouti,
    dominica, dominican republic, ecuador, egypt, el salvador, equatorial guinea, eritrea,
    estonia, eswatini, ethiopia, fiji, finland, france, gabon, gambia, georgia, germany,
    ghana, great britain, greece, grenada, guatemala, guinea, guinea-bissau, guyana, haiti,
    honduras, hungary, iceland, india, indonesia, iran, iraq, ireland, israel, italy,
    ivory coast, jamaica, japan, jordan, kazakhstan, kenya, kiribati, kosovo, kuwait,
    kyrgyzstan, laos, latvia, lebanon, lesotho, liberia, libya, liechtenstein, lithuania,
    luxembourg, madagascar, malawi, malaysia, maldives, mali, malta, marshall islands,
    mauritania, mauritius, mexico, micronesia, moldova, monaco, mongolia, montenegro,
    morocco, mozambique, myanmar, namibia, nauru, nepal, netherlands, new zealand, nicaragua,
    niger, nigeria, north korea, north macedonia, norway, oman, pakistan, palau, palestine,
    panama, papua new guinea, paraguay, peru, philippines, poland, portugal, qatar, romania,
    russia, rwanda, saint lucia, samoa, san marino, saudi arabia, senegal, serbia,
    seychelles, sierra leone, singapore, slovakia, slovenia, solomon islands, somalia,
    south africa, south korea, south sudan, spain, sri lanka, sudan, suriname, sweden,
    switzerland, syria, taiwan, tajikistan, tanzania, thailand, timor-leste, togo, tonga,
    trinidad and tobago, tunisia, turkey, turkmenistan, tuvalu, türkiye, u.k., u.s., uae,
    uganda, uk, ukraine, united arab emirates, united kingdom, united states,
    united states of america, uruguay, us, usa, uzbekistan, vanuatu, vatican, venezuela,
    vietnam, yemen, zambia, zimbabwe
""".replace("\n", " ").split(",")
)

# Other names of a country in English news, folded (lower case, no periods), with the name an
# analyst codes it by. Facts of common usage (abbreviations and long forms as the countries'
# own governments and the UN list them).
COUNTRY_NAMES = {
    "us": "United States",
    "usa": "United States",
    "united states": "United States",
    "united states of america": "United States",
    "america": "United States",
    "uk": "United Kingdom",
    "united kingdom": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "russian federation": "Russia",
    "prc": "China",
    "people's republic of china": "China",
    "uae": "United Arab Emirates",
    "dprk": "North Korea",
    "rok": "South Korea",
    "czechia": "Czech Republic",
    "viet nam": "Vietnam",
    "türkiye": "Turkey",
}

# Seats of government that news uses for the government acting ("Washington warned",
# "the Kremlin said"), with the actor they stand for; elsewhere they are places.
GOVERNMENT_SEATS = {
    "washington": "United States",
    "moscow": "Russia",
    "kremlin": "Russia",
    "kyiv": "Ukraine",
    "kiev": "Ukraine",
    "beijing": "China",
    "downing street": "United Kingdom",
    "no 10": "United Kingdom",
    "london": "United Kingdom",
    "paris": "France",
    "berlin": "Germany",
    "tokyo": "Japan",
    "tehran": "Iran",
    "ankara": "Turkey",
    "damascus": "Syria",
    "pyongyang": "North Korea",
    "seoul": "South Korea",
    "new delhi": "India",
    "jerusalem": "Israel",
    "riyadh": "Saudi Arabia",
    "ottawa": "Canada",
    "canberra": "Australia",
}

# Words for a political party as news uses them for a member ("Republican Sen. X", "X, a
# Democrat"), with the party's name (common usage in US and UK news).
PARTY_WORDS = {
    "republican": "Republican Party",
    "republicans": "Republican Party",
    "gop": "Republican Party",
    "democrat": "Democratic Party",
    "democrats": "Democratic Party",
    "democratic": "Democratic Party",
    "labour": "Labour Party",
    "tory": "Conservative Party",
    "tories": "Conservative Party",
    "liberal democrat": "Liberal Democrats",
    "liberal democrats": "Liberal Democrats",
}
