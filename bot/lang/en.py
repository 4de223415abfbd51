"""English: the words newsbot reads attribution with, and its abbreviations.

English is also the fallback: a language without a file here is read with these words,
and the name rules of every language use the English title, particle and document
words too ("President Trump" in a German article is still a title).
"""

from __future__ import annotations

from bot.lang._vocabulary import Abbreviations, Vocabulary, words

__all__ = [
    "ABBREVIATIONS", "AUXILIARIES", "CLAUSE_OPENERS", "CLAUSE_WORDS", "CONJUNCTIONS", "DETERMINERS",
    "DOCUMENTS", "FEMININE_NAMES", "FUNCTION_WORDS", "FURNITURE", "GENERIC_ROLES", "INSTITUTIONS",
    "INTRODUCING", "LINKS", "MASCULINE_NAMES", "NAMING", "OF_WHOM", "PARTICLES", "QUANTIFIERS", "STOP_AFTER",
    "SUFFIXES", "TITLES", "VERBS", "VOCABULARY",
]

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
opine opined opines estimate estimated estimates worry worried worries ponder pondered ponders
indicate indicated indicates
"""
)

# Verbs that judge or name what their object is, in the speaker's words that follow
# in the writer's sentence (`Bolton called Obama's ignorance “…”`, `Moore thanked him
# for “…”`): no reporting verbs on their own (`“…,” called Trump` is no English), but
# their subject speaks the partial quote they run up to.
NAMING = words(
    """
call calls called label labels labeled labelled labeling labelling dub dubs dubbed
brand brands branded term terms termed thank thanks thanked praise praises praised
credit credits credited condemn condemns condemned welcome welcomes welcomed
attack attacks attacked slam slams slammed criticize criticizes criticized criticise
criticised blast blasts blasted hail hails hailed decry decries decried denounce
denounces denounced characterize characterizes characterized accuse accuses accused
blame blames blamed calling labeling labelling dubbing branding terming thanking praising
crediting condemning welcoming attacking slamming criticizing criticising blasting hailing
decrying denouncing characterizing accusing blaming
"""
)

# Words that head or qualify a person's description and never belong to a name.
TITLES = words(
    """
    president vice prime minister secretary del cmdr treasurer comptroller auditor clerk inspector superintendent dean coach detective agent trooper senator sen sens rep reps representative congressman
    congresswoman gov governor lt lieutenant mayor judge justice chief chairman chairwoman chair
    speaker leader whip spokesman spokeswoman spokesperson director deputy ambassador general gen
    adm admiral col colonel capt captain sgt sergeant maj major dr mr mrs ms miss prof professor
    rev reverend fr sheriff chancellor premier sir dame democrat comedian comedienne actor actress singer staff
    ceo cfo founder editor correspondent reporter host anchor pastor commissioner attorney
    candidate nominee adviser advisor aide strategist analyst manager chairperson councilman
    councilwoman assemblyman assemblywoman delegate activist economist officer executive
    press campaign communications political national former presidential democratic republican
    gop state white house senior top counsel member sec mp mps mep msp mla dj
    """
)

# Capitalised words that open sentences or name times and places, not people.
FUNCTION_WORDS = words(
    """
    the a an and but or so yet for nor if when while as at in on of to by with from after
    before since until about into over under during this that these those there here then
    it its he she they we i you his her their our my your him them us me who what where why
    how which whose whom some many most all both each every no not one two three also still
    another other others several few once like unlike sure amid amidst despite
    meanwhile however although though because even just only now later earlier today
    yesterday tomorrow last next according asked told said says mr mrs ms likewise instead indeed
    moreover furthermore nevertheless besides finally perhaps maybe yes wait well
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
# Head words of institutions and places: a name ending (or starting) with one is no person.
INSTITUTIONS = words(
    """council committee department agency party association university college school institute
    foundation commission board court senate congress parliament times post news journal network
    bank company corporation group ministry government administration church union league center
    centre club museum hospital city county state states republic kingdom ocean river street
    avenue square island islands airport station team coalition caucus alliance society fund
    federation authority bureau academy institution organization organisation magazine tribune
    herald gazette press radio television channel service forum project initiative"""
)
# Common first names of men and women in English-language news: who "he" or "she" can
# be when the article gives no title or pronoun of its own.
MASCULINE_NAMES = words(
    """aaron adam alan albert alex alexander andrew anthony arthur ben benjamin bernie bill billy bob
    bobby brad brian bruce bryan carl carlos charles charlie chris christopher chuck clarence craig
    dan daniel danny darrell dave david dennis dick don donald doug douglas ed eddie edward eric
    frank fred gary george gerald glenn greg gregory harold harry henry howard jack jacob jake james
    jason jeb jeff jeffrey jeremy jerry jim jimmy joe joel john johnny jon jonathan jose joseph josh
    juan justin keith ken kenneth kevin larry lawrence lee leonard lindsey louis luis marco mark martin
    matt matthew michael mike mitch mitt nathan neil nicholas nick noah oliver patrick paul peter phil
    philip ralph randy ray raymond reince richard rick rob robert roger ron ronald roy rudy russell ryan
    sam samuel scott sean sergei stephen steve steven ted terry thomas tim timothy todd tom tony
    victor vladimir walter wayne william willie
    abraham adrian alfred allen alvin andy angelo antonio arnold barry benny bernard bert
    boris brandon brendan brett bruno byron calvin cameron carlo cecil chad clark claude
    clifford clint cody colin connor cory curtis dale damian darren dean derek desmond
    dominic donnie duane dustin dwight earl edgar edmund edwin elliot elliott emmanuel enrique ernest
    eugene evan everett felipe felix fernando francis francisco franklin gabriel gene geoffrey gerard
    gilbert gordon graham guy hank harvey hector herbert herman hugh hugo ian isaac ivan jared
    javier jeffery jerome jesse jesus jorge juan julian karl kurt kyle lance lenny leo leon leroy lewis
    lloyd lonnie lou lucas luke malcolm manuel marcus mario marshall marvin maurice max melvin miguel
    milton mitchell morris nathaniel ned neal nelson nigel norman oscar otis owen pablo pedro percy pete
    pierre preston rafael ramon randall reggie reginald rex ricardo ricky robby robbie rodney roland
    ross rufus salvador sebastian seth sidney simon spencer stanley stuart ted theodore tobias travis
    trent trevor troy tyler vernon vince vincent wade wallace warren wesley wilbur woody zachary
    lord sir king prince baron earl duke"""
)
# (The honorifics at the end of each list stand where a first name does: "Lord
# Goldsmith", "Dame Judi Dench".)
FEMININE_NAMES = words(
    """abigail alice alicia alison amanda amy andrea angela ann anna anne annie ashley barbara betsy
    betty beverly brenda carly carol caroline catherine cathy charlotte cheryl christina christine
    cindy claire debbie deborah debra denise diana diane donna dorothy elizabeth ellen emily emma erin
    eva evelyn gloria grace hannah heather heidi helen hillary holly huma jackie jane janet janice jean
    jennifer jessica jill joan joanne joyce judith judy julia julie karen kate katherine kathleen kathy
    kelly kellyanne kim kimberly kirsten laura lauren linda lisa lori louise lynn margaret maria marie
    marilyn martha mary megan megyn melania melissa michelle nancy natalie nicole nikki olivia pam
    pamela patricia patty paula rachel rebecca rose ruth samantha sandra sara sarah sharon shirley
    sophia stephanie susan suzanne tammy teresa theresa tiffany tina virginia wendy
    ada adele adriana agnes alexandra alexis allison alma amelia ana anita annette arlene
    audrey ava barbra bella bernadette bernice beth bethany bianca bonnie brittany brooke camille
    candace carla carmen carolyn cassandra cecilia cecile celia chelsea cheryl clara claudia colleen
    connie constance courtney cynthia daphne darlene delores diane dolores doris
    eileen elaine eleanor elena elise eliza ella eloise esther ethel eunice felicia florence
    frances gabrielle gail geraldine gina gwen harriet hilda ida irene
    isabel isabella jacqueline jan janelle jeanette jeanne jenna jo joanna jocelyn josephine
    juanita judi kara karla katie katrina kay kristen kristin krystal leah lillian
    lois loretta lucia lucy lydia mabel madeleine madeline maggie mandy marcia margo marian
    marianne marina marjorie marlene maureen maxine melanie melinda meredith mia mildred
    miranda miriam molly monica muriel myra nadia naomi natasha nina nora norma paige patsy pauline
    peggy penelope phyllis priscilla regina renee rhonda rita roberta robyn rosa rosalind
    rosemary roxanne sabrina sally sheila sherry sonia sonya stacy stella sue sylvia tamara
    tanya tara tess thelma tonya ursula valerie vanessa vera veronica vicki victoria viola
    vivian wanda yolanda yvonne zoe
    lady dame queen princess baroness duchess countess"""
)

# Words of page furniture that end up capitalised next to quotes: never a speaker.
FURNITURE = words(
    """feed rss trackback comments comment reply share print email subscribe newsletter advertisement
    related login permalink tweet retweet follow"""
)
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
    asking=words("asked asks"),
    adverbs=words("later then also again still finally soon"),
    verbs=VERBS,
    naming=NAMING,
    according=("according to",),
    personal=words("he she"),
    feminine=words("she"),
    masculine_marks=words("mr sir"),
    feminine_marks=words("mrs ms miss madam dame"),
    pronouns=words("he she they we i it you"),
    titles=TITLES,
    determiners=DETERMINERS,
    auxiliaries=AUXILIARIES,
    conjunctions=CONJUNCTIONS,
    prepositions=STOP_AFTER,
    complementizers=words("that"),
    institutions=INSTITUTIONS,
    abbreviations=ABBREVIATIONS,
    locatives=words("in at from near across outside inside throughout"),
    masculine_names=MASCULINE_NAMES,
    feminine_names=FEMININE_NAMES,
    marks=(("“", "”"), ('"', '"'), ("‘", "’")),
    leaning=(
        # connectives
        "but", "however", "and", "yet", "still", "also", "meanwhile", "instead", "nevertheless",
        "nonetheless", "moreover", "furthermore", "in addition", "additionally", "besides", "therefore",
        "thus", "hence", "consequently", "as a result", "so", "then", "likewise", "similarly",
        "otherwise", "even so", "on the other hand", "in contrast", "by contrast", "in response",
        "in turn", "despite this", "despite that", "because of this", "for this reason", "that is why",
        "this is why", "the latter", "the former",
        # pronoun subjects and possessives: whom they stand for was in an earlier sentence
        "he", "she", "they", "his", "her", "their", "its", "him", "them", "it also", "it was also",
        "it is also", "it has also", "it had also", "it will also", "it would also",
        # a reference back to what was just told
        "this came", "this comes", "this follows", "this followed", "this is", "this was", "this means",
        "this meant", "this has", "this had", "this will", "this would", "that was", "that is",
        "these", "such", "the move", "the decision", "the comments", "the remarks", "the statement",
        "the announcement", "the news", "the incident", "the report", "the deal", "the change",
    ),
)
