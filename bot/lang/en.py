"""English: the words newsbot reads attribution with, and its abbreviations.

English is also the fallback: a language without a file here is read with these words,
and the name rules of every language use the English title, particle and document
words too ("President Trump" in a German article is still a title).
"""

from __future__ import annotations

from bot.lang._vocabulary import Abbreviations, Vocabulary, words

# Verbs whose subject may introduce a bare quote paragraph that follows
# (`X said in a statement.`): the first of these in the sentence marks the clause.
INTRODUCING = ("said", "says", "told", "wrote", "added", "stated", "explained", "tweeted", "posted")

VERBS = frozenset(INTRODUCING) | words(
    """
say said says saying tell told tells telling add added adds adding note noted notes noting
state stated states stating explain explained explains explaining ask asked asks asking
warn warned warns warning write wrote writes writing tweet tweeted tweets tweeting
insist insisted insists insisting argue argued argues arguing claim claimed claims claiming
recall recalled recalls recalling continue continued continues continuing reply replied
replies replying respond responded responds responding answer answered answers answering
exclaim exclaimed exclaims declare declared declares declaring announce announced announces
admit admitted admits admitting acknowledge acknowledged acknowledges concede conceded
concedes counter countered counters observe observed observes remark remarked remarks
quip quipped quips joke joked jokes shout shouted shouts yell yelled yells cry cried cries
whisper whispered whispers suggest suggested suggests predict predicted predicts
promise promised promises vow vowed vows pledge pledged pledges boast boasted boasts
complain complained complains lament lamented laments charge charged charges
contend contended contends maintain maintained maintains emphasize emphasized emphasizes
emphasise emphasised emphasises stress stressed stresses conclude concluded concludes
offer offered offers muse mused muses reflect reflected reflects remember remembered
post posted posts text texted email emailed report reported reports agree agreed agrees
begin began begins open opened opens press pressed presses urge urged urges
thunder thundered roar roared scoff scoffed sigh sighed snap snapped retort retorted
tease teased chide chided demand demanded demands wonder wondered wonders mock mocked
announce announced confirm confirmed confirms deny denied denies point pointed points
put puts told tells assert asserted asserts caution cautioned cautions describe described
describes recount recounted recounts read reads chant chanted chants plead pleaded pleads
elaborate elaborated elaborates testify testified testifies exhort exhorted react reacted reacts
question questioned questions sing sang sings interject interjected chime chimed fume fumed
gripe griped gush gushed marvel marveled marvelled sum summed fire fired shoot shot interrupt
interrupted correct corrected clarify clarified clarifies confide confided rail railed rage raged
reiterate reiterated reiterates repeat repeated repeats echo echoed echoes proclaim proclaimed
proclaims preach preached pray prayed grumble grumbled grumbles beam beamed gasp gasped
instruct instructed advise advised advises inform informed informs relay relayed
"""
)

# Words that head or qualify a person's description and never belong to a name.
TITLES = words(
    """
    president vice prime minister secretary del cmdr treasurer comptroller auditor clerk inspector superintendent dean coach detective agent trooper senator sen sens rep reps representative congressman
    congresswoman gov governor lt lieutenant mayor judge justice chief chairman chairwoman chair
    speaker leader spokesman spokeswoman spokesperson director deputy ambassador general gen
    adm admiral col colonel capt captain sgt sergeant maj major dr mr mrs ms miss prof professor
    rev reverend fr sheriff chancellor premier
    ceo cfo founder editor correspondent reporter host anchor pastor commissioner attorney
    candidate nominee adviser advisor aide strategist analyst manager chairperson councilman
    councilwoman assemblyman assemblywoman delegate activist economist officer executive
    press campaign communications political national former presidential democratic republican
    gop state white house senior top counsel member sec
    """
)

# Capitalised words that open sentences or name times and places, not people.
FUNCTION_WORDS = words(
    """
    the a an and but or so yet for nor if when while as at in on of to by with from after
    before since until about into over under during this that these those there here then
    it its he she they we i you his her their our my your him them us me who what where why
    how which whose whom some many most all both each every no not one two three also still
    meanwhile however although though because even just only now later earlier today
    yesterday tomorrow last next according asked told said says mr mrs ms
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december
    """
)

# Name particles that stay inside a name run ("Osama bin Laden", "Ursula von der Leyen").
PARTICLES = words("bin ibn bint al el de da di du del della der den van von la le dos das abu ben")
# Generational suffixes: never a name on their own, never peeled off as a title.
SUFFIXES = words("jr sr ii iii iv")
# Things that "say" on someone's behalf.
DOCUMENTS = words(
    "statement statements release report letter email e-mail memo note post tweet message ad video editorial"
    " article website filing complaint lawsuit document documents transcript"
)
# Roles that any titled person can be called by: "the leader", "the official".
GENERIC_ROLES = words("leader official head chief politician candidate executive")
# "a longtime adviser to Trump": whose adviser, part of the description.
OF_WHOM = words("to for of at with")
# Open a description ("the Russian leader"), as numbers and demonstratives do too.
DETERMINERS = words("the a an his her their its our")
QUANTIFIERS = words("the a an one another some two three several his her their its our this that")
AUXILIARIES = words("has had have also then later once would will previously again had")
CONJUNCTIONS = words("and or but nor")
# End a noun phrase after a verb: "said Putin in Moscow".
STOP_AFTER = words("in on at during after before while when to from for about with as who which that because via")
# Open a subordinate clause.
CLAUSE_WORDS = words("that who which whom whose when where while because if")
# Link clauses: a reporting verb's subject follows the last one.
LINKS = words("when as while after before because that and but since until though although where")
# What may open a reporting clause right after a quote, besides names and verbs.
CLAUSE_OPENERS = words("he she they we i it you the a an his her their its our this that one another some two three several according")

ABBREVIATIONS = Abbreviations(
    titles=words(
        "mr mrs ms messrs dr prof st gen sen rep gov lt col capt sgt cpl adm maj cmdr rev fr hon pres "
        "supt insp det mt ft gov atty amb brig vs v cf ald judg rt"
    ),
    numbered=words("no nos art vol vols fig figs pp p ch sec para jan feb mar apr jun jul aug sep sept oct nov dec"),
    ending=words("inc corp ltd co bros jr sr etc a.m p.m e.g i.e al plc llc esq"),
    in_names=words("sens reps del"),
)

VOCABULARY = Vocabulary(
    code="en",
    name="english",
    verbs=VERBS,
    according=("according to",),
    personal=words("he she"),
    pronouns=words("he she they we i it you"),
    titles=TITLES,
    determiners=DETERMINERS,
    auxiliaries=AUXILIARIES,
    conjunctions=CONJUNCTIONS,
    prepositions=STOP_AFTER,
    complementizers=words("that"),
    abbreviations=ABBREVIATIONS,
    marks=(("“", "”"), ('"', '"'), ("‘", "’")),
)
