"""A reader trusts the name under a quote: who "she says", "il poursuit", "sagte er"
means, in stories written the way news is written.

Every passage here was written for these tests, in the style of real news; names,
places and events are invented.
"""

from __future__ import annotations

from bot.models import Article
from bot.pipeline.quotes import find_quotes


def story(*paragraphs: str, language: str = "en") -> Article:
    return Article(title="A story", paragraphs=paragraphs, language=language)


def said(article: Article, fragment: str) -> str | None:
    """The speaker shown under the quote holding `fragment`; fails when no quote holds it."""
    for quote in find_quotes(article):
        if fragment in quote.text:
            return quote.speaker
    raise AssertionError(f"no quote contains {fragment!r}")


# -- "he said" / "she says": the person the writer just brought in -----------------


def test_a_feature_story_she_says_is_the_woman_just_introduced_not_the_last_speaker():
    article = story(
        "BATON ROUGE — The city orchestra lost half of its winter season to the storm, and the players have been rehearsing in a church hall since.",
        "“We lost the roof, the pianos and most of the sheet music in one night,” said Paul Whitman, the orchestra's conductor.",
        "Maria Delgado has taught violin at River Road Elementary for 19 years. “Some of these kids have never held anything that sounds this good, and you can see it on their faces,” she says.",
    )
    assert said(article, "We lost the roof") == "Paul Whitman"
    assert said(article, "never held anything") == "Maria Delgado"


def test_she_said_skips_a_nearer_man_for_the_woman_the_article_named():
    article = story(
        "Karen Bell, the county's health director, spent Tuesday morning at the regional clinic after a week of complaints.",
        "Dr. Mark Olsen runs the clinic's emergency room. He said waiting times had doubled since June.",
        "“We simply do not have enough nurses to keep every bed open through the night,” she said.",
    )
    assert said(article, "enough nurses") == "Karen Bell"


def test_a_place_is_never_he():
    article = story(
        "Tom Alvarez spent a decade at the state port authority before he ran for the council seat.",
        "The campaign ended with a week of town halls in Lake Harbor.",
        "Lake Harbor has not had a ferry since 2009.",
        "“People here want the ferry back before they want anything else from this city,” he said.",
    )
    assert said(article, "want the ferry back") == "Tom Alvarez"


def test_french_poursuit_elle_is_the_woman_the_writer_brought_in():
    article = story(
        "La mairie a présenté mardi son plan pour rouvrir la piscine municipale, fermée depuis deux ans.",
        "« Nous voulons que les enfants puissent nager dès l'été prochain », a déclaré le maire Jean Dupont.",
        "Marie Lefèvre, qui préside l'association des parents d'élèves, ne partage pas cet optimisme. « On nous promet cette réouverture depuis trop longtemps pour y croire encore », poursuit-elle.",
        language="fr",
    )
    assert said(article, "Nous voulons que les enfants") == "Jean Dupont"
    assert said(article, "depuis trop longtemps") == "Marie Lefèvre"


def test_german_sagte_sie_is_the_woman_the_writer_brought_in():
    article = story(
        "Die Stadt will die Buslinie 12 im kommenden Jahr einstellen, weil zu wenige Fahrgäste sie nutzen.",
        "„Wir können nicht jeden leeren Bus weiter durch die Dörfer fahren lassen“, sagte Bürgermeister Thomas Berger.",
        "Anna Schmidt aus dem Ortsteil Neudorf sieht das anders. „Ohne den Bus komme ich nicht mehr zum Arzt und nicht mehr zum Einkaufen“, sagte sie.",
        language="de",
    )
    assert said(article, "Wir können nicht jeden leeren Bus") == "Thomas Berger"
    assert said(article, "Ohne den Bus komme ich") == "Anna Schmidt"


def test_spanish_asegura_ella_is_the_woman_the_writer_brought_in():
    article = story(
        "El Ayuntamiento anunció el lunes que cerrará el mercado del barrio durante seis meses por obras.",
        "«Es una reforma que el mercado necesita desde hace veinte años», dijo el alcalde Carlos Ruiz.",
        "Lucía Gómez, que vende fruta en el mercado desde 1998, no está de acuerdo. «Seis meses sin vender son seis meses sin pagar el alquiler de mi casa», asegura ella.",
        language="es",
    )
    assert said(article, "Es una reforma que el mercado") == "Carlos Ruiz"
    assert said(article, "Seis meses sin vender") == "Lucía Gómez"


def test_russian_skazala_ona_is_the_woman_the_writer_brought_in():
    article = story(
        "Власти города объявили, что летом закроют на ремонт центральный мост через реку.",
        "«Мост построен в 1962 году, и откладывать ремонт больше нельзя», — заявил мэр Игорь Петров.",
        "Ольга Смирнова, которая каждый день ездит через мост на работу, с ним не согласна. «Объезд займёт у меня лишний час в одну сторону, а о людях никто не подумал», — сказала она.",
        language="ru",
    )
    assert said(article, "Мост построен в 1962 году") == "Игорь Петров"
    assert said(article, "Объезд займёт у меня") == "Ольга Смирнова"


# -- the name in the attribution clause, not another one near it -------------------


def test_the_appositive_form_gives_the_person_not_the_firm():
    article = story(
        "Stocks fell in Asia on Thursday as investors weighed new tariffs.",
        "“Markets had priced in a truce, and now they have to price in the opposite,” Chris Weston, chief market strategist at Pepperstone, said in an e-mail.",
        "Anthony Anton, president and chief executive of the Harbor Restaurant Association stated, “Owners will close before they raise prices again.”",
    )
    assert said(article, "priced in a truce") == "Chris Weston"
    assert said(article, "Owners will close") == "Anthony Anton"


def test_a_person_of_a_place_or_a_group_is_the_person():
    article = story(
        "The Senate voted 51-49 to advance the bill late on Tuesday night.",
        "“This is not the way the chamber should write a law that touches every family,” said Sen. Tammy Ortiz of Wisconsin.",
        "“Observers were kept away from three of the counting centres,” said Meera Ghosh of Human Rights Watch, who watched the vote.",
    )
    assert said(article, "touches every family") == "Tammy Ortiz"
    assert said(article, "counting centres") == "Meera Ghosh"


def test_told_the_newspaper_names_who_told_it():
    article = story(
        "The senator has not said whether he will endorse the nominee.",
        "Trump told the Washington Post, “I like Paul, but these are horrible times for our country.”",
        "Clinton's campaign chairman, John Podesta, said in a statement: “The speech was a dark portrait of a country we do not recognise.”",
    )
    assert said(article, "horrible times") == "Trump"
    assert said(article, "dark portrait") == "John Podesta"


def test_a_second_verb_shares_the_subject_of_the_sentence():
    article = story(
        "The mayor spoke at length on the radio on Friday morning.",
        "De Blasio said the decision was made by police commissioner Bill Bratton and said, “I stand by it, and I stand by him.”",
    )
    assert said(article, "I stand by it") == "De Blasio"


def test_page_furniture_and_places_are_not_speakers():
    article = story(
        "The company reported its third loss in a row on Monday.",
        "“We expect a better second half as the new plant comes on line,” Feed McCain said.",
        "“The recovery is fragile,” Ohio said.",
        "Ohio is one of the states where the company employs the most people, and in Ohio the plant is the largest employer.",
        "(c) 2007 United Press International. “All rights reserved,” United said.",
    )
    assert said(article, "better second half") is None
    assert said(article, "recovery is fragile") is None
    assert said(article, "All rights reserved") is None


def test_the_person_named_inside_the_quote_is_not_its_speaker():
    article = story(
        "“The prime minister has no plan for the deficit and no plan for the hospitals,” Ed Miliband said at Prime Minister's Questions.",
        "David Cameron hit back. “Don’t you dare lecture us about the deficit, Ed Miliband, when your party left the country in ruins,” he said.",
    )
    assert said(article, "no plan for the hospitals") == "Ed Miliband"
    assert said(article, "dare lecture us") == "David Cameron"


# -- what is a quote, and where it shows --------------------------------------------------


def test_titles_of_reports_and_shows_are_not_quotes():
    article = story(
        "Research firm Parks Associates released “The Future of High-Definition TV - 2007 Edition” on Tuesday, its yearly report on sales.",
        "Walsh is now the host of “Flip the Script With Liz Plank and Friends” on weekday mornings.",
        "“Sales of the new sets will double before the end of the decade in most markets,” said analyst Kurt Scherf.",
    )
    texts = [q.text for q in find_quotes(article)]
    assert not any("High-Definition" in t or "Flip the Script" in t for t in texts), texts
    assert any("Sales of the new sets" in t for t in texts)


def test_a_quote_shown_under_the_summary_is_not_also_a_summary_bullet():
    from bot.config import SummarySettings
    from bot.pipeline import digest_article

    article = story(
        "WASHINGTON — Hillary Clinton's campaign answered Donald Trump's proposal to bar Muslims from entering the country on Monday.",
        "Huma Abedin, vice chairwoman for Clinton's presidential campaign, emailed supporters on Monday evening, telling them, “I am a proud Muslim — but you don’t have to share my faith to share my disgust.”",
        "The email asked supporters to sign a petition against the proposal before the next debate.",
        "Trump's campaign did not answer a request for comment on the email on Monday night.",
        "The proposal has been criticised by leaders of both parties since it was announced last week.",
    )
    digest = digest_article(article, "story", SummarySettings())
    quoted = [q.text for q in digest.quotes if "proud Muslim" in q.text]
    assert quoted, [q.text for q in digest.quotes]
    assert not any("proud Muslim" in s.text for s in digest.summary), [s.text for s in digest.summary]


def test_the_subject_after_a_leading_phrase_speaks_for_a_second_verb():
    article = story(
        "The hacker has been held in a Bucharest prison since his arrest in January.",
        "In an interview with journalist Matei Rosca last year, Lazar said he welcomed extradition to the United States and added, “I want to tell my story in an American court.”",
        "Trump joked that Brooklyn was his answer, but went on to say, “There are places in this country that are more dangerous than war zones.”",
    )
    assert said(article, "tell my story") == "Lazar"
    assert said(article, "more dangerous than war zones") == "Trump"



# -- descriptions: "one Trump confidant" is not Trump -------------------------------


def test_an_unnamed_source_described_by_whose_side_they_are_on_is_not_that_person():
    article = story(
        "The campaign's advisers have argued for weeks over how to run the convention.",
        "“What the party doesn't understand is that Trump is bigger than the party,” said one Trump confidant.",
        "“It's the nominee's party,” one Trump campaign source said. “He gets to set the rules.”",
        "“Hillary doesn't even care anymore,” wrote one Sanders supporter, tweeting a link to a story.",
    )
    assert said(article, "bigger than the party") == "one Trump confidant"
    assert said(article, "nominee's party") == "one Trump campaign source"
    assert said(article, "even care anymore") == "one Sanders supporter"


def test_spanish_un_colaborador_de_sanchez_is_not_sanchez():
    article = story(
        "El partido prepara su congreso desde hace semanas en Madrid.",
        "“Irá hasta el final, pase lo que pase en las encuestas”, dijo un colaborador de Pedro Sánchez.",
        language="es",
    )
    assert said(article, "Irá hasta el final") != "Pedro Sánchez"


def test_someones_aide_speaks_under_the_name_the_writer_gives_them():
    article = story(
        "Marco Rubio and Jeb Bush are racing to bank early ballots before their home states vote.",
        "“We're treating the month before the primary as one long Election Day,” said Rubio's deputy campaign manager, Rich Beeson, who ran a ground game in 2012.",
        "David Axelrod on Wednesday called on a party chairman to apologise.",
        "“My reaction, that was outrageous,” Obama's former campaign strategist said in an interview with CNN.",
    )
    assert said(article, "one long Election Day") == "Rich Beeson"
    assert said(article, "that was outrageous") == "Obama's former campaign strategist"


def test_several_people_speaking_at_once_are_no_one_speaker():
    article = story(
        "The two candidates met for their first one-on-one debate on Thursday night.",
        "“It was no big deal, and we have moved on,” both candidates said.",
    )
    assert said(article, "no big deal") is None


# -- participles, passives and objects: who the sentence says speaks ----------------


def test_adding_goes_with_the_reporting_verb_before_it_not_the_sentences_first_name():
    article = story(
        "Sean Spicer spoke to reporters on Thursday about the party's mood.",
        "Ryan and Trump will meet sometime next week, Spicer said, adding, “They need to sit down and have a good talk.”",
        "Mateen didn't mingle but left as soon as prayers were finished, Nefzi said, adding, “He was not very religious.”",
        "Clinton responded to the question on Facebook writing, “Yes, I will. That was a poor choice of words.”",
    )
    assert said(article, "good talk") == "Sean Spicer"
    assert said(article, "not very religious") == "Nefzi"
    assert said(article, "poor choice of words") == "Clinton"


def test_a_participle_after_a_clause_with_another_subject_names_no_one():
    article = story(
        "David Axelrod has tweeted about the campaign for months.",
        "He tweeted when Clinton ended a debate in December with a reference to a film, remarking, “Thank you, and may the Force be with you.”",
    )
    assert said(article, "may the Force") is None


def test_the_one_asked_a_question_did_not_ask_it():
    article = story(
        "Donald Trump spoke to the magazine this week about his travels.",
        "In the interview, Trump was asked, “What's the most dangerous place in the world you've been to?”",
    )
    assert said(article, "most dangerous place") is None


def test_a_name_after_a_preposition_is_not_the_subject_of_the_sentence():
    article = story(
        "The hacker has been held in a prison since his arrest in January.",
        "In a wide-ranging, in-prison interview with journalist Matei Rosca last year, Lazar said he welcomed extradition and added, “I'll plead guilty, no problem.”",
        "Senate Majority Leader Mitch McConnell, R-Ky., delivered a blunt message to Trump: “It's time to quit attacking people and get on message.”",
        "Appearing before cheering supporters at party headquarters, Suu Kyi, 70, said it was too early to congratulate winners but added, “I think you all have an idea of the results.”",
        "In response to Trump's proposal to bar Muslims from entering the country, Clinton's right-hand woman rallied supporters, saying, “We have to be ready to stop him.”",
    )
    assert said(article, "plead guilty") == "Lazar"
    assert said(article, "quit attacking") == "Mitch McConnell"
    assert said(article, "idea of the results") == "Suu Kyi"
    assert said(article, "ready to stop him") != "Muslims"


def test_the_second_of_two_clauses_with_their_own_subjects_speaks():
    article = story(
        "The Daily Ledger made these same allegations against the association in February, and the Harbor Gazette responded:",
        "“If there are people in this country so prone to violence, the solution is not to punish everyone else.”",
    )
    assert said(article, "not to punish everyone") == "Harbor Gazette"


def test_a_question_ends_its_quote_and_the_next_sentence_introduces_another_speaker():
    article = story(
        "Clinton and her chief of staff Cheryl Mills traded emails in April 2012.",
        "Clinton responds to Mills with, “Why now? That was on my way to Libya?” Mills then writes back, “You look cute, and everyone here agrees.”",
    )
    assert said(article, "Why now") == "Clinton"
    assert said(article, "You look cute") == "Cheryl Mills"


def test_titles_acronyms_and_place_names_stay_in_the_speakers_name():
    article = story(
        "Clinton spoke in Iowa on Monday as the emails were released.",
        "“This is essentially the same attack he made last week, and it will not work,” Clinton press secretary Brian Fallon said.",
        "“The emails released Monday were largely sent or received in 2012 and 2013,” CBS News reported.",
        "“There's no question this process favors candidates who put in the time,” Wyoming GOP chairman Matt Micheli said.",
    )
    assert said(article, "same attack") == "Brian Fallon"
    assert said(article, "emails released Monday") == "CBS News"
    assert said(article, "favors candidates") == "Matt Micheli"


def test_a_reporting_word_used_as_a_noun_does_not_make_its_owner_the_speaker():
    article = story(
        "Jose Vargas asked the candidate on Facebook whether she would stop using the word.",
        "Clinton responded to Vargas' question on Facebook writing, “Yes, I will. That was a poor choice of words.”",
    )
    assert said(article, "poor choice of words") == "Clinton"


def test_a_name_after_someones_possessive_inside_a_title_is_the_person():
    article = story(
        "Asian markets fell on Monday after the storm.",
        "“There are no dollar buyers now, especially after the data yesterday,” said ABN Amro's Eddie Wong.",
    )
    assert said(article, "no dollar buyers") == "Eddie Wong"


def test_he_told_a_radio_station_is_the_man_not_the_station():
    article = story(
        "Lord Kinnock said the chancellor would be best placed to take over from the prime minister.",
        "Asked about the future leadership of the party, he told BBC Radio: “That contest is a long way away and it will occur only when the time comes.”",
    )
    assert said(article, "contest is a long way away") == "Lord Kinnock"


def test_words_quoted_inside_the_writers_sentence_are_the_reporting_verbs_subjects():
    article = story(
        "The retailer's Christmas sales fell short of what it had hoped for.",
        "Among areas where the chain could have done better, chief executive Simon Wolfson said menswear ranges were “a little bit too similar to the previous year”. Analyst Jane Porter said the results were still strong.",
    )
    assert said(article, "a little bit too similar") == "Simon Wolfson"


# -- one sentence-end rule for summaries and speakers --------------------------------


def test_a_speaker_after_a_race_time_is_found_past_the_number_that_ends_the_sentence():
    # The quote rules once had a sentence finder of their own, which read "30.26." as
    # a number that ends nothing, so the clause ran back into Dvorak's sentence.
    article = story(
        "Hana Novak won the women's race by half a minute on Sunday.",
        "Pavel Dvorak of Slovakia - the reigning champion - was never troubled by the field, "
        "winning easily in 30.26. Novak said of her win: "
        "“I felt strong from the first lap and hope this is the start of a good season.”",
    )
    assert said(article, "felt strong") == "Hana Novak"


# -- "he said": the person the sentence is about ------------------------------------


def test_he_after_a_leading_phrase_is_the_subject_not_the_last_speaker():
    article = story(
        "“Jeb is a total stiff,” Donald Trump told reporters at the diner on Monday.",
        "Jeb Bush answered by calling the businessman a bully.",
        "Speaking at a town hall event in Salem, New Hampshire, Mark Ellis went after both men. He said, “Neither of them has spent a day on a farm in this state.”",
    )
    assert said(article, "spent a day on a farm") == "Mark Ellis"


def test_a_show_named_in_quotation_marks_is_not_he():
    article = story(
        "Donald Trump was asked on Monday about paying the legal fees of a supporter.",
        "On ABC's “Good Morning America” Tuesday, he said, “I never said I was going to pay for fees.”",
    )
    assert said(article, "pay for fees") == "Donald Trump"


def test_words_quoted_in_the_writers_sentence_are_not_given_to_whom_they_were_sent():
    article = story(
        "The state party wrote to its members on Friday after a week of bad polls.",
        "The letter, sent to Iowa Democrats, said the party must be “ready for anything the other side throws at us in the fall”.",
    )
    assert said(article, "ready for anything") != "Iowa Democrats"


def test_a_state_after_its_city_is_a_place_not_the_speaker_of_a_partial_quote():
    article = story(
        "Ann Keller toured the coal country for two days before the vote.",
        "Keller, during a town hall meeting in Columbus, Ohio, said she was “going to put a lot of coal "
        "companies out of business” unless they changed.",
    )
    assert said(article, "coal companies out of business") != "Ohio"


# -- a quote inside the writer's sentence belongs to the sentence's reporting verb ---


def test_a_name_inside_the_reported_clause_is_not_the_speaker_of_a_partial_quote():
    article = story(
        "The senator left the race on Tuesday night after losing his home state.",
        "In a statement, Dana Holt said she is certain Pruitt will continue to be “a voice for the "
        "rural towns that sent him to Washington.”",
        "Mayor Ellen Voss said Brandt was right to urge local leaders “to stand up and be counted.”",
    )
    assert said(article, "a voice for the rural towns") in (None, "Dana Holt")
    assert said(article, "stand up and be counted") in (None, "Ellen Voss")


def test_the_state_a_speaker_is_from_does_not_speak_for_him():
    article = story(
        "Party leaders met behind closed doors on Friday.",
        "Caucus chairman T.J. Reddick of North Carolina said he was “outraged” to even hear about it, arguing that “ending the "
        "rule would shut older members out of the convention.”",
    )
    assert said(article, "shut older members out") in (None, "T.J. Reddick", "Reddick")


def test_a_word_made_of_a_name_is_no_name_and_a_hyphenated_given_name_stays_whole():
    article = story(
        "The festival closed on Sunday with a surprise win.",
        "“The beers are on me when we get home,” said Oscar-winner Andrea Marsh.",
        "Jon Tabor quit the race last week. Tabor offered a Trump-style retort, tweeting at him, "
        "“You cannot insult your way to the presidency.”",
        "“We will keep growing every year,” said chairman Chung Mong-koo.",
    )
    assert said(article, "beers are on me") == "Andrea Marsh"
    assert said(article, "insult your way") in (None, "Jon Tabor")
    assert said(article, "keep growing") == "Chung Mong-koo"


def test_a_titled_surname_of_an_organisation_speaks_not_the_organisation():
    article = story(
        "Environmental groups worried that the mine's owner could walk away from its debts.",
        "“The company will walk away from its duty to clean up,” Mr. Morgan of the Sierra Club said.",
    )
    assert said(article, "walk away from its duty") == "Morgan"


# -- reported speech: who holds a partial quote -------------------------------------


def test_a_participle_after_a_partial_quote_keeps_the_sentences_speaker():
    # The name after "adding that it is why" is the subject of what she added, not the
    # one who speaks.
    article = story(
        "The primary ended with a narrow win for the governor's wing of the party.",
        "Speaking to volunteers in Tulsa, Senator Ellen Marsh said that she was “the only candidate who can still win this race,” "
        "adding that it is why Governor Paul Brandt “keeps attacking me every single day.”",
    )
    assert said(article, "only candidate who can still win") == "Ellen Marsh"
    assert said(article, "keeps attacking me") in (None, "Ellen Marsh")


def test_a_speaker_named_after_the_verb_at_the_end_of_the_sentence_speaks():
    # `…, said Linda Osei`: the verb after a comma opens an inverted clause, and the
    # name after it speaks, not a name in the clause before the comma.
    article = story(
        "The housing board promised 300 new flats by the winter.",
        "“The council can promise it, but it looks very unlikely” that Mayor Dunn will deliver before the snow, "
        "said Linda Osei, a housing advocate in Millbrook.",
        "Couple a cold winter with “prices that keep climbing every single week at the pumps” and Millbrook drivers get nervous, said Omar Haddad, who runs the garage on Main Street.",
    )
    assert said(article, "looks very unlikely") == "Linda Osei"
    assert said(article, "keep climbing every single week") == "Omar Haddad"


def test_an_inverted_says_x_inside_the_sentence_speaks_for_its_quote():
    article = story(
        "The county's old bridge will close for a year of repairs in March.",
        "The trouble with the bridge, says Karl Weber, an engineer at the county, is that it was “built for horse carts, not lorries.”",
        "Because of how the board wrote the budget, explained Weber, “the repairs will take the whole year and not a day less.”",
    )
    assert said(article, "built for horse carts") == "Karl Weber"
    assert said(article, "take the whole year") == "Karl Weber"


def test_the_subject_before_an_appositive_speaks_not_a_name_inside_it():
    article = story(
        "Farmers in the valley have waited three years for the mill to reopen.",
        "Anna Pruitt, who lives on a farm outside the county seat, Millbrook, said she still “hopes the mill reopens before the harvest.”",
        "Dan Harlan was at the mill on Monday.",
        "On Friday, Harlan — named by the Gazette as the favourite of Governor Ray Collins for the job — told the radio station that “you have to take an offer like that seriously.”",
        "But Tom Reyes, at a consulting firm called Brookfield Analytics, argues that as prices rise, “the mill will pay for itself within a decade,” too.",
    )
    assert said(article, "hopes the mill reopens") == "Anna Pruitt"
    assert said(article, "take an offer like that") == "Dan Harlan"
    assert said(article, "pay for itself") == "Tom Reyes"


def test_a_comma_that_closes_an_appositive_keeps_the_subject_before_it():
    # Not inverted clauses: the subject stands before the appositive, and the words
    # after the verb are whom she asked or what he spoke about.
    article = story(
        "The second night of the convention belonged to the families.",
        "Ruth Marlow, reading her late husband's speech, asked the Denver crowd “where were you when the lights went out in our town?”",
        "In an interview, Steve Kale, a former vice president of the bank, said Dorsey “was personally involved in every one of those decisions” and shared the blame.",
        "Dan Ochoa, the mayor's deputy chief of staff, said the Voss campaign would “knock on every single door in the county before the vote.”",
    )
    assert said(article, "where were you when the lights") in (None, "Ruth Marlow")
    assert said(article, "personally involved in every one") == "Steve Kale"
    assert said(article, "knock on every single door") == "Dan Ochoa"


# -- a speaker is someone: not a determiner, a group, a medium or a document ---------


def test_another_sign_and_a_crowd_of_fans_are_no_speakers():
    article = story(
        "Drivers on the coast road were treated to a summer of jokes from the highway department.",
        "One sign near Dunmore read, “Slow down, the deer are watching you.” Another advised, “Speed is the path to the dark side of the ditch.”",
        "Millbrook High School fans also chanted, “Go back to your own town,” at the visiting team on Friday night.",
    )
    assert said(article, "path to the dark side") is None
    assert said(article, "Go back to your own town") is None


def test_a_verb_before_an_infinitive_reports_nothing():
    # "began to pick up": the donations did not speak; the one who said it did.
    article = story(
        "Dana Keller runs the food bank's fundraising, which slowed for most of the spring.",
        "“There's a sense of calm now,” and donations began to pick up again last week, Keller said.",
        "“Here is the bottom line,” Mayor Ron Adler added at the gala. “We will not cut the grant this year.”",
        "“There it is. There it is,” Keller said to laughs. “The speech he gives every single year.”",
    )
    assert said(article, "sense of calm now") == "Dana Keller"
    # "said to laughs": whom the words met, not an infinitive.
    assert said(article, "The speech he gives every single year") == "Dana Keller"


def test_a_report_named_after_its_issuer_speaks_for_the_issuer():
    article = story(
        "“The region has moved sideways this year,” IMF chief economist Maura Lind said on Tuesday.",
        "“The ultimate impact remains very unclear, as the fate of the trade arrangements between the two blocs is uncertain,” the IMF report stated.",
    )
    assert said(article, "ultimate impact remains") in ("IMF", "the IMF")


def test_whose_post_it_is_speaks_not_the_platform():
    article = story(
        "Former governor Jeb Castle endorsed the senator on Wednesday after weeks of silence.",
        "From Castle's Facebook post: “For the good of the party and the country, I will support him and I ask my friends to do the same.”",
    )
    assert said(article, "For the good of the party") in ("Jeb Castle", "Castle")


def test_a_person_known_by_a_first_name_only_is_that_name_not_the_description():
    article = story(
        "The film's most dramatic scene never happened, the agency's former station chief says.",
        "“There never was an order to wait,” said the station chief known as Carl, speaking publicly for the first time.",
    )
    assert said(article, "never was an order to wait") == "Carl"


def test_a_columnist_whose_surname_is_a_modal_verb_is_still_the_speaker():
    article = story(
        "The columnist George Will renewed his feud with Governor Dan Pruitt this week in a scathing op-ed.",
        "Citing last week's floods as a wake-up call for voters and their “dreams about treating the governorship as an entry-level job,” "
        "Will urged the state's voters to reject all outsider candidates, Dan Pruitt in particular.",
    )
    assert said(article, "dreams about treating the governorship") in ("George Will", None)


def test_a_quote_inside_a_that_clause_belongs_to_the_verb_before_it():
    # `Trump claimed that “…,” one of the prosecutors said …`: the words are what Trump
    # claimed; the clause after the quote reports something else.
    article = story(
        "The dispute over the mayor's deleted emails went on for a second week.",
        "But even as Mayor Carl Brandt claimed on Tuesday that “the chief got in trouble for far less,” one of the former prosecutors "
        "for police chief Dan Ortiz said the two cases were nothing alike.",
        "Council member Jill Moss said her office would “support the budget” but “is not planning to back anyone this year,” "
        "while Senator Ruth Vale and Mayor Tom Kent have said they will wait.",
    )
    assert said(article, "got in trouble for far less") in ("Carl Brandt", None)
    assert said(article, "not planning to back anyone") in ("Jill Moss", None)


def test_a_bare_clause_after_a_that_clause_reports_the_whole_sentence():
    article = story(
        "Maria Ortega, a pollster in the capital, has tracked voters' views of the city for a decade.",
        "Opinion polls suggest that “people still want the council to run the buses and the bins,” Ms Ortega says.",
    )
    assert said(article, "run the buses and the bins") == "Maria Ortega"


def test_an_inverted_clause_names_its_speaker_in_german_spanish_and_french():
    # The verb after the comma, then its subject: German V2, Spanish and French
    # inversion; the name in the clause before the comma is what was spoken about.
    german = story(
        "Die Stadt Mainz will das alte Hallenbad bis 2026 sanieren.",
        "„Ein Neubau wäre für die Stadt kaum zu bezahlen“ und Bürgermeister Klaus Berger weiß das, sagte Anna Roth vom Bund der Steuerzahler.",
        language="de",
    )
    spanish = story(
        "El ayuntamiento de Toledo aprobó el martes el nuevo presupuesto.",
        "«El plan no llegará a tiempo para el invierno» y el alcalde Pedro Gómez lo sabe, dijo Lucía Pardo, portavoz de la oposición.",
        language="es",
    )
    french = story(
        "La mairie de Lyon a présenté mardi son plan pour la piscine.",
        "« Le chantier ne sera pas fini avant l'hiver » et le maire Paul Girard le sait, a expliqué Claire Morel, élue d'opposition.",
        language="fr",
    )
    assert said(german, "kaum zu bezahlen") == "Anna Roth"
    assert said(spanish, "no llegará a tiempo") == "Lucía Pardo"
    assert said(french, "ne sera pas fini") == "Claire Morel"


def test_a_man_named_inside_her_quote_is_not_the_he_who_speaks_next():
    # Tom Keller is named by her, inside her quote; the writer brings in her son.
    article = story(
        "Singer Ruth Adler woke up from surgery last spring with music in her head.",
        "“I couldn't focus, I couldn't have acted,” she said. “My husband [actor Tom Keller] and I were kind of frightened about it.”",
        "Adler's son, filmmaker Josh Brandt (“The Long Road”), also remembers it as a trying time. "
        "“If your mom tells you her head is full of music, it's fair to think she's gone crazy,” he said.",
    )
    assert said(article, "full of music") == "Josh Brandt"


def test_a_quote_ending_in_a_nested_quote_goes_on_after_its_clause():
    # `…'above the law,' " said Ann Roe`: the nested quote closes right before the
    # quote's own mark; her quote goes on after the clause, not the speaker's before.
    article = story(
        "The opposition leader told supporters she would run the country whatever the courts decide. “I'm going to be above the president,” Lena Marsh said.",
        "\"She went so far as to say she'll be 'above the law,' \" said Ann Roe, an activist and a former political prisoner of the regime. \"That is not a responsible thing to say, and it will worry the other side.\"",
    )
    assert said(article, "not a responsible thing to say") == "Ann Roe"


def test_he_said_after_a_sentence_ending_in_its_speakers_name_is_that_speaker():
    # The person who spoke last in the writer's words ("…, Halvorsen said.") is who
    # "he" is, though another man opened a sentence more recently in the paragraph
    # before.
    article = story(
        "Governor Tomas Brekke has promised a new bridge across the fjord by next spring, "
        "said Rasmus Halvorsen, a county councillor who backs him.",
        "Brekke is getting help from two business groups that have paid for radio advertisements.",
        "The vote will be close in the northern districts, Halvorsen said. "
        "“Nobody up here believes a promise about that bridge any more,” he said.",
    )
    assert said(article, "Nobody up here believes") == "Rasmus Halvorsen"


# -- "he said" after someone new: the person brought in, or no name at all ------------


def test_he_told_the_paper_is_the_friend_just_introduced_not_the_candidate_who_spoke_before():
    # The friend's gender shows nowhere before the quote; the candidate's does.
    article = story(
        "Governor Dan Mercer reshuffled his campaign staff on Tuesday.",
        "“My senior team remains in place,” Mercer said in his statement.",
        "Corwin Atwater, Mercer's longtime friend and adviser, suggested that the candidate was taking back control of the campaign. "
        "“The governor is back in charge,” he told the Ledger.",
    )
    assert said(article, "senior team") == "Dan Mercer"
    # Nothing shows the friend is a man: the friend or nobody, never the candidate.
    assert said(article, "back in charge") in ("Corwin Atwater", None)


def test_he_said_after_said_someone_continued_is_the_chairman_who_said_it():
    # `Ellis Rand, the chairman, said Mercer continued to hurt …`: Mercer is the
    # subject of what the chairman says, not of the sentence.
    article = story(
        "“We will carry this county,” Governor Dan Mercer said at a rally on Friday.",
        "Ellis Rand, the chairman of the county party, said Mercer continued to hurt his own cause by attacking the state's senator. "
        "“I don't think it has helped him,” he said.",
    )
    assert said(article, "helped him") == "Ellis Rand"


def test_an_inverted_said_brings_in_the_speaker_a_later_he_stands_for():
    article = story(
        "“The mayor has to answer for this,” Councilwoman Ada Kern said.",
        "The audit covered six years of contracts, said Tomas Varga, the city's inspector general. "
        "“We found the same three firms again and again,” he said.",
    )
    assert said(article, "same three firms") == "Tomas Varga"


def test_er_sagte_ist_der_gerade_eingeführte_sprecher_nicht_der_vorige():
    # German: "er" is the man the writer introduces, after "sagte Jonas Falk".
    article = story(
        "„Wir werden das Werk nicht schließen“, sagte Bürgermeisterin Greta Lind am Montag.",
        "Die Prüfung habe sechs Jahre umfasst, sagte Jonas Falk, der Leiter des Rechnungshofs. „Wir fanden immer wieder dieselben drei Firmen“, sagte er.",
        language="de",
    )
    assert said(article, "dieselben drei Firmen") == "Jonas Falk"


def test_an_honorific_or_a_party_before_the_name_is_not_part_of_it():
    article = story(
        "The departing envoy, Sir Peter Westlake, praised the president in an interview on Saturday.",
        "Westlake also said the president shows great charm. “He is somebody who has done a great deal,” he said.",
        "Democrat Helen Marsh disagreed. “The record speaks for itself,” she said.",
    )
    assert said(article, "done a great deal") == "Peter Westlake"
    assert said(article, "record speaks") == "Helen Marsh"


def test_she_said_is_not_the_man_who_called_her():
    # "her" after a man's name is his verb's object or her own thing: no sign he is a woman.
    article = story(
        "Bill Hale, now a senator, denies all of it.",
        "Joan Price has stuck with her story again as Hale rose in politics.",
        "On Sunday, she said that after the assault, Bill Hale called her again. "
        "“He called the office and I didn't know that it was him,” she said.",
    )
    assert said(article, "didn't know that it was him") == "Joan Price"


def test_a_pronoun_in_the_writers_sentence_stands_for_the_man_just_named():
    article = story(
        "Senator Ben Sawyer won the primary in his home state on Tuesday.",
        "Sawyer spoke to a cheering crowd in Burlington. He told them it meant a lot to him that “the people who know me best” gave him the win.",
    )
    assert said(article, "the people who know me best") == "Ben Sawyer"


def test_his_in_the_quote_after_her_name_does_not_make_her_a_man():
    article = story(
        "Maren Koss, a former governor, has backed the senator for years.",
        "Koss said in an interview on Monday that the race had turned bitter. “His normal demeanor is grumpy,” she said.",
    )
    assert said(article, "normal demeanor") == "Maren Koss"


def test_someone_who_is_described_by_a_who_clause_is_a_person_she_can_stand_for():
    article = story(
        "“Change the world, and then change it again,” said Dana Whitfield, the producer.",
        "Meanwhile Zuri, who was honored with the Rockstar award, spoke about self-acceptance. "
        "“The minute you learn to love yourself, you stop asking for permission,” she said.",
    )
    assert said(article, "love yourself") == "Zuri"


def test_a_participle_opening_the_first_sentence_is_not_a_first_name():
    article = story(
        "Understated Marek raises his profile.",
        "Labor Secretary Tomas Marek spent the week on the road.",
        "Marek speaks softly and rarely about himself. “I leave that to others,” he says.",
    )
    assert said(article, "leave that to others") == "Tomas Marek"


def test_the_man_named_last_before_a_full_stop_does_not_speak_for_the_next_sentence():
    # "… to criticize Dale Brun. He said …": the verb belongs to "He", not to Brun.
    article = story(
        "On Tuesday, Senator Mitch Dorsey said it was “totally inappropriate” for a judge to criticize Dale Brun. "
        "He said judges should not weigh in on elections.",
        "“It raises a level of skepticism about the court,” he said.",
    )
    assert said(article, "level of skepticism") == "Mitch Dorsey"


def test_a_titled_name_after_an_opening_phrase_is_the_he_of_the_next_sentence():
    article = story(
        "“We are winning,” Senator Carl Dunmore said on Monday.",
        "On Monday night, Dunmore campaign manager Robby Vance released a memo on the race. "
        "He writes that the senator has “built a nearly insurmountable lead among both the delegates and the voters who will decide it.”",
    )
    assert said(article, "insurmountable lead") == "Robby Vance"


def test_as_for_someone_he_said_is_that_someone():
    article = story(
        "“I think that would be a disaster,” said Senator Carl Dunmore.",
        "As for Peter Vance, he said he is not worried. “I'm going to have the delegates,” he said.",
    )
    assert said(article, "have the delegates") == "Peter Vance"


def test_she_is_never_the_man_a_common_first_name_shows():
    article = story(
        "“Babies are gifts from God and are to be protected,” said Pete Harlan.",
        "Sarah Quinn's posts about the group include one last week saying the danger had been understated. "
        "“When information shows someone comes here to kill, we act,” she posted.",
    )
    assert said(article, "comes here to kill") in ("Sarah Quinn", None)


def test_a_new_surname_subject_nothing_tells_about_ends_the_last_speakers_chain():
    article = story(
        "“We will carry the state,” Governor Dan Mercer said on Sunday.",
        "Keller defied the question and did not make a choice. “With 100 percent certainty, I will predict the winner afterwards,” he said.",
    )
    assert said(article, "predict the winner") in ("Keller", None)


def test_a_possessive_appositive_describes_the_person_a_later_he_stands_for():
    article = story(
        "“I have given to both parties,” said Woody Hale, a donor from Tampa.",
        "Corin Lanford, Mercer's campaign manager, said that the candidate was not contradicting himself by accepting their help.",
        "“That will benefit all the races down the ballot,” he said.",
    )
    assert said(article, "races down the ballot") == "Corin Lanford"



def test_he_said_never_stands_for_a_plural_noun_opening_the_sentence_before():
    article = story(
        "Senator Tom Brandt spent Monday in the state capitol.",
        "Republicans said the delay was a courtesy to one Republican who was ill.",
        "“We will be ready whenever the vote is,” he said.",
    )
    # "Republicans" are many people; whoever "he" is, it is not them.
    assert said(article, "We will be ready") != "Republicans"


def test_a_lawyer_once_stared_at_is_still_the_lawyer_who_speaks():
    article = story(
        "The clerks were staring, openmouthed, at Halvorsen when the hearing resumed.",
        "Halvorsen said, “The zeal with which this case was brought is unlike any case we have found.”",
        "“Judge,” Halvorsen said, “I have never seen that happen in thirty years.”",
    )
    # One "at Halvorsen" does not make a place of a name the article shows speaking twice.
    assert said(article, "The zeal with which") == "Halvorsen"
    assert said(article, "never seen that happen") == "Halvorsen"


def test_the_man_a_letter_came_from_is_still_the_mr_who_speaks():
    article = story(
        "The letter from Okafor arrived on Tuesday morning.",
        "“We will not sign an agreement that leaves our farmers behind,” Mr. Okafor said.",
    )
    assert said(article, "leaves our farmers behind") == "Okafor"


# -- a bare quote after narration: whose words go on ---------------------------------


def test_a_bare_quote_after_another_senator_said_something_is_that_senators():
    article = story(
        "“That would be a false reason,” Menendez said. “You cannot use the waivers as a reason.”",
        "Corker said he and his partners were “meticulous” about the wording of the bill. “If we were to touch the deal in any way, the administration would say that we were undermining it.”",
    )
    assert said(article, "If we were to touch") == "Corker"


def test_a_bare_quote_goes_on_with_the_speaker_the_writer_kept_talking_about():
    article = story(
        "“Immigration is important, but in my view it's education,” says Melissa Rowan, 32, who works in retail. Rowan supports Democrat Hillary Clinton in the race. “I'm a college graduate, but I have student loans.”",
    )
    assert said(article, "student loans") == "Melissa Rowan"


def test_a_bare_quote_after_a_sentence_ending_in_says_someone_is_theirs():
    article = story(
        "“They have failed to do what's necessary to compete,” said Craig Robinson, an editor in Des Moines.",
        "Or maybe Jeb Bush, digital consultant Phil Musser says. “Several surveys suggest a second look is occurring for Jeb in the state.”",
    )
    assert said(article, "second look is occurring") == "Phil Musser"


def test_ein_zitat_nach_dem_satz_eines_anderen_ist_dessen_zitat():
    article = story(
        "„Das wäre ein falscher Grund“, sagte Müller. „Die Ausnahmen sind kein Argument.“",
        "Schmidt sagte, seine Partner seien beim Wortlaut „sehr gründlich“ gewesen. „Wenn wir das Abkommen berühren, wird die Regierung sagen, wir untergraben es.“",
        language="de",
    )
    assert said(article, "Wenn wir das Abkommen") == "Schmidt"


def test_the_judge_is_the_judge_not_the_group_a_judge_ruled_for():
    article = story(
        "U.S. District Judge Emmet Sullivan set a deadline for April. The ruling by a federal judge granting Judicial Watch its request was a rare win for the group.",
        "“There has been a constant drip of declarations. When does it stop?” the judge said, according to the Post.",
    )
    assert said(article, "constant drip") == "Emmet Sullivan"


def test_he_who_laughed_and_said_is_not_the_paper_or_the_place_his_sentence_names():
    article = story(
        "Campaign manager Robby Mason spent the week in Iowa with the candidate.",
        "When Mason was asked during a luncheon held by The Wall Street Journal whether the candidate would hold a press conference, he laughed and said, “We'll see. We will have one before the vote, I am sure of that.”",
        "Eight years ago, he backed a senator from Illinois over the governor and said, “Nobody in this party has ever done anything for us.”",
        "He then adopted a fake Southern accent and joked, “But I'm just gonna make it easier for them to make fun of me.”",
    )
    assert said(article, "We'll see") == "Robby Mason"
    assert said(article, "ever done anything for us") != "Eight"
    assert said(article, "make fun of me") != "Southern"


def test_il_qui_remercie_quelqu_un_et_dit_n_est_pas_celle_qu_il_remercie():
    article = story(
        "Le sénateur Paul Girard a passé la semaine en Bretagne.",
        "Il a remercié Marie Dupont et dit : « Je vais leur rendre la tâche plus facile pour se moquer de moi. »",
        language="fr",
    )
    assert said(article, "se moquer de moi") == "Paul Girard"


def test_what_he_had_publicly_stated_of_politicians_is_his_not_the_politicians():
    article = story(
        "Sant Malhotra, a hotelier, pleaded guilty to witness tampering in March.",
        "Malhotra was clearly trying to buy influence; indeed, he had publicly stated of politicians, “When they are in need of money, then they are always for you.”",
    )
    assert said(article, "in need of money") == "Sant Malhotra"


def test_a_state_a_he_said_interrupts_is_not_the_he():
    article = story(
        "State Rep. Wendy Nanney, a leader of Cruz's South Carolina coalition, said the campaign was ready.",
        "Dan Tripp, South Carolina state director of Keep the Promise, was unsure why the battle seemed to stop.",
        "“We're trying to show some mercy to the bully,” Tripp said. South Carolina, he said, was “where we have a chance to go head to head with him, and we will.”",
    )
    assert said(article, "go head to head") in (None, "Dan Tripp")


def test_team_trump_is_a_campaign_not_the_full_name_of_trump():
    article = story(
        "Team Trump sees the convention as a second chance for Donald Trump to make a first impression.",
        "Trump tweaked his campaign promise on Saturday when he announced his running mate, calling Indiana Gov. Mike Pence “my partner in this campaign and in the White House, to make America safe again.”",
        "“We will win, and we will win big,” Trump said.",
    )
    assert said(article, "We will win") == "Donald Trump"


def test_an_editor_in_chief_is_a_title_not_part_of_the_name():
    article = story(
        "The newspaper has assembled a team of 20 reporters to look into the candidate's past.",
        "Post Editor-in-Chief Martin Brandt defended the project on Wednesday. “We will look at every part of his life, as we would for anyone who wants the job,” he said.",
    )
    assert said(article, "every part of his life") == "Martin Brandt"


def test_he_who_answers_is_the_one_asked_not_the_one_asking():
    article = story(
        "Senator Bernie Sanders said he would release his medical records before the caucuses.",
        "Last month, reporter Scott Conway asked Sanders whether questions about his health and age were fair game.",
        "“Sure it is. I would not have run if I was not healthy, and I'm very thankful for that,” he said.",
    )
    assert said(article, "would not have run") == "Bernie Sanders"


def test_er_der_antwortet_ist_der_gefragte_nicht_der_fragende():
    article = story(
        "Der Kandidat Donald Trump sprach am Mittwoch in Austin vor Anhängern.",
        "Der Journalist Sean Hanke fragte Trump, ob die Mauer an der Grenze noch geplant sei.",
        "„Wir werden die Mauer bauen, und sie wird hoch sein“, sagte er.",
        language="de",
    )
    assert said(article, "Wir werden die Mauer bauen") == "Donald Trump"

def test_he_said_after_a_quote_ending_its_sentence_is_the_man_the_next_sentence_brings_in():
    # The singer's quote ends with its full stop; the writer's next sentence brings in
    # the candidate, whom "he" then stands for.
    article = story(
        "In his old hit, Perry Lund sings, “Don't you change a thing for me.” With the seventy-year-old Walter Brisk, there is little chance of that. "
        "Just ask him. “You think I'm going to change?” he said at a news conference last month.",
    )
    assert said(article, "going to change") == "Walter Brisk"


def test_he_is_never_the_man_his_own_clause_names():
    # "He said Koller “…”": Koller is whom he speaks of, not who "he" is.
    article = story(
        "Police said the gunman, Dennis Koller, had prayed at the mosque twice. Koller had lived in the town for a year.",
        "Samir Haddad, the mosque's imam, spoke to reporters on Monday.",
        "“We are shocked and frightened” by the shooting, which drew attention to the town, Haddad said. "
        "He said Koller “had not done this because of his faith but because he was ill.”",
    )
    assert said(article, "because of his faith") == "Samir Haddad"


def test_he_told_the_host_is_not_the_host():
    article = story(
        "“We are going to build the bridge,” Governor Carl Dunmore said at the town hall.",
        "Host Sean Fallow asked Dunmore how long the bridge would be. "
        "“I think it could be two miles, maybe more,” he told Fallow, to cheers from the crowd.",
    )
    assert said(article, "two miles") == "Carl Dunmore"


def test_er_sagte_zu_dem_moderator_ist_nicht_der_moderator():
    article = story(
        "„Wir bauen die Brücke“, sagte Bürgermeister Carl Brandt bei der Bürgerversammlung.",
        "Moderator Jonas Falk fragte Brandt, wie lang die Brücke werde. "
        "„Ich denke, zwei Kilometer, vielleicht mehr“, sagte er zu Falk.",
        language="de",
    )
    assert said(article, "zwei Kilometer") == "Carl Brandt"


def test_the_state_and_party_of_the_man_just_named_is_a_description_not_a_name():
    # "The Ohio Republican" is how the writer calls the governor again; "he" is the
    # governor, never a person called "Ohio Republican".
    article = story(
        "“We will not give an inch on the budget,” Senator Dana Whitcomb said on Friday.",
        "Governor Tom Harlan said Saturday that the border must be secured first. "
        "The Ohio Republican said he would not support mass deportation. "
        "“I couldn't imagine taking a mom or a dad out of a house,” he said.",
    )
    assert said(article, "mom or a dad") == "Tom Harlan"


def test_a_name_qualifying_the_subject_after_the_is_not_who_he_is():
    # "The Harlan campaign" picked up a tweet about Carver; "he" is Carver, who spoke
    # to the show, not the candidate whose campaign it is.
    article = story(
        "“We will win this state,” said Governor Tom Harlan, who has campaigned here for a month against the surgeon Ben Carver.",
        "The Harlan campaign on Monday night picked up a tweet saying that Carver was dropping out after Iowa, "
        "though he was only leaving the trail to get fresh clothes. "
        "“Is this what we accept now?” he told the show.",
    )
    assert said(article, "what we accept now") == "Ben Carver"


def test_said_two_countries_have_reports_what_they_did_not_who_speaks():
    article = story(
        "For now, Rafael Quint, at the Institute for Eastern Studies, said Norland and Vestria have reached a quiet truce over the pipeline. "
        "“I used to believe the valley would become a bone of contention between the two countries,” he said.",
    )
    assert said(article, "bone of contention") == "Rafael Quint"


def test_a_president_called_by_surname_alone_is_the_he_who_speaks():
    # "President Walden" is a person though the article never gives his first name;
    # Norland, a country the article shows "saying" things, is not.
    article = story(
        "Norland tested another missile on Friday. The latest test, Norland said, was its biggest yet.",
        "In a statement, President Walden condemned the test as reckless. "
        "He said the allies would seek new sanctions “to show Norland that there are consequences.”",
        "“To be clear, we will never accept Norland as a nuclear state,” he said.",
    )
    assert said(article, "never accept Norland") == "Walden"


def test_a_party_and_state_in_brackets_do_not_end_the_sentence_before_the_name():
    article = story(
        "Former Rep. Carl Dunmore (R-Conn.) was pro Peter Vance while the Ohio governor was in the race, he said Wednesday on the radio.",
        "“Mara Quill is my next choice. Not hard to figure out,” he said.",
    )
    assert said(article, "my next choice") == "Carl Dunmore"


def test_a_long_capitalised_title_before_the_name_still_makes_it_the_subject():
    article = story(
        "In a statement, Secretary of State Jon Hulst said the ruling “will force us to put voters back on the rolls.”",
        "Ohio Democratic Party Chairman David Pepperell called Friday's decision a “huge win for Ohio voters.”",
        "“The court's decision reaffirms a basic principle,” he said in a statement.",
    )
    assert said(article, "reaffirms a basic principle") == "David Pepperell"


def test_a_whip_is_a_title_not_part_of_the_name():
    article = story(
        "“I don't remember anything as shameful as this bill,” said Senate Minority Leader Harold Reece.",
        "Senate Majority Whip Tom Corwin responded by standing on the Senate floor next to a large photograph. "
        "“I'll tell you what shameful is,” he said.",
    )
    assert said(article, "what shameful is") == "Tom Corwin"


def test_an_adverb_and_a_comma_before_the_name_leave_it_the_subject():
    article = story(
        "Phil Sorensen, a spokesman for the miners' union, said the deal had saved hundreds of jobs.",
        "Tom Clay bought the mine last year. Ultimately, Mr. Clay hopes to offset all of its emissions with credits. "
        "But right now, he is offsetting only a tenth. That worries environmentalists. “It's all I can afford,” he said.",
    )
    assert said(article, "all I can afford") == "Tom Clay"


def test_a_description_renaming_the_subject_may_hold_an_organisations_name():
    article = story(
        "“The ban would be a disaster for the country,” said Senator Mara Quill on Monday.",
        "The leader of the Anti-Bias League, Jonathan Greenway, warned that such a ban would be “unacceptable.” "
        "He said families “know all too well what happens when one group is singled out.”",
    )
    assert said(article, "singled out") == "Jonathan Greenway"


def test_a_hyphenated_title_is_not_part_of_the_name():
    article = story(
        "In a statement released by Ledger Editor-in-Chief Martin Barrow, the paper explained its plans.",
        "“The candidate is unlike any we have seen before,” said Barrow. "
        "He continued, “That's what we intend to explore, with a staff that is second to none.”",
    )
    assert said(article, "unlike any we have seen") == "Martin Barrow"
    assert said(article, "second to none") == "Martin Barrow"


def test_a_name_after_but_opens_its_own_clause():
    article = story(
        "“Let's dispel with this fiction,” said Senator Marco Ruiz. “He knows exactly what he's doing.”",
        "The moderators were ready to move on, but Governor Chris Kristof wasn't having it.",
        "“You see, everybody, that's what Washington does,” he said.",
    )
    assert said(article, "what Washington does") == "Chris Kristof"


def test_she_posted_is_the_woman_whose_posts_the_sentence_is_about():
    article = story(
        "Governor Dana Pruitt posted a photo of herself and her son on her Facebook page on Sunday.",
        "“Children are gifts and are to be protected,” wrote Sharon Miller, one of many readers who replied.",
        "Pruitt's pointed posts about the group include one last week saying the danger had been understated. "
        "“When information shows someone comes here to kill, we act,” she posted.",
    )
    assert said(article, "comes here to kill") == "Dana Pruitt"


def test_a_sentence_opening_with_and_still_has_the_name_as_its_subject():
    article = story(
        "Bill Carver's stock answer then is likely to be repeated by his wife when she faces the debate.",
        "And Carver campaign Chairman John Pedersen — Bill Carver's former chief of staff — offered a slogan straight out of the 1990s when I asked him how she would defend herself. "
        "“She will fight for the American people and their families,” he said.",
    )
    assert said(article, "fight for the American people") == "John Pedersen"


def test_he_after_the_businessman_is_the_man_the_writer_just_described_so():
    article = story(
        "“It was offensive,” said Ari Feld, a former spokesman who attended the forum.",
        "More troubling to many in the room was Dan Mercer's unwillingness to back a united capital. "
        "Instead, the businessman has insisted that his position will be strongest if he keeps his plans to himself. "
        "“I want to wait until I meet with the prime minister,” he said.",
    )
    assert said(article, "meet with the prime minister") == "Dan Mercer"


def test_she_after_the_actress_is_the_woman_the_article_called_an_actress():
    article = story(
        "“I don't know yet,” said Mara Quill, the actress, when a television interviewer asked whom she would back.",
        "Helen Vance, the former senator, leads Tom Brandt by ten points in the latest poll.",
        "The actress said she was tired of the status quo and wanted a candidate who had taken no money from the drug makers. "
        "“Some people feel Brandt will bring revolution immediately,” she said.",
    )
    assert said(article, "bring revolution immediately") == "Mara Quill"


def test_someones_brother_is_a_person_he_can_stand_for():
    article = story(
        "“He had so many plans,” his friend Saleh Omar told the website.",
        "Richard Ossner is believed to have been on the flight, according to an interview his brother Alastair Ossner gave to the radio. "
        "Alastair Ossner called him a kind and loving person. “He's a new dad,” he said.",
    )
    assert said(article, "a new dad") == "Alastair Ossner"


def test_the_person_asked_is_not_who_she_is():
    article = story(
        "Like a family member, Betsy Ebling said it is sometimes hard for her to watch the attacks on her friend. "
        "“It's the blessing and the curse at the same time,” she said.",
        "What really got under her skin, she said, was a question at a town hall last week, when a young man asked Helen Vance why young people did not like her. "
        "“I really got angry,” she said.",
    )
    assert said(article, "really got angry") == "Betsy Ebling"


def test_congress_is_never_she():
    article = story(
        "“We will hold hearings on this,” Congress announced on Monday.",
        "“I have been asked to answer questions, and I will,” she said.",
    )
    assert said(article, "answer questions") != "Congress"


def test_she_said_after_her_own_partial_quote_is_the_woman_who_spoke_it():
    article = story(
        "“We will take this fight state by state,” said Cecile Rourke, president of the family planning federation.",
        "Ilse Hagan said supporters have been “galvanized and mobilized” by the recent laws and are ready to reject politicians who push them. "
        "“This is just the beginning,” she said.",
    )
    assert said(article, "just the beginning") == "Ilse Hagan"


def test_a_name_followed_by_a_title_after_a_comma_is_a_person():
    article = story(
        "“The test undermines regional security,” NATO Secretary General Jens Holm said.",
        "Yuki Amari, director general of the atomic energy agency, said in a statement that the test violated council resolutions. "
        "“I strongly urge the country to implement all relevant resolutions,” he said.",
    )
    assert said(article, "strongly urge") == "Yuki Amari"


def test_she_after_a_sentence_about_her_fate_is_the_woman_whose_fate_it_is():
    article = story(
        "Aung Min Thu, the opposition leader, is barred from the presidency by the constitution.",
        "“Today there is a huge disappointment because their vote didn't count,” said Meenal Gaur of the rights group, who observed the voting.",
        "Aung Min Thu's fate is still unclear, but she said at a news conference last week that she would govern the country. "
        "“I'm going to be above the president,” she said.",
    )
    assert said(article, "above the president") == "Aung Min Thu"


def test_a_name_after_though_opens_the_clause_a_later_she_goes_on_from():
    article = story(
        "It is highly unusual for a sitting judge to weigh in so publicly on a campaign, though Ruth Bader Gill is known for speaking her mind. "
        "She escalated her criticism on Tuesday, telling a television network that the candidate is a “faker.”",
        "“He has no consistency about him,” she said.",
    )
    assert said(article, "no consistency") == "Ruth Bader Gill"


def test_she_is_the_only_woman_the_writer_mentions_when_no_sentence_opens_with_her():
    article = story(
        "“We are going to win this state,” Senator Tom Brandt said on Friday.",
        "Though the state's delegates are awarded at the convention, Brandt and Helen Vance both visited the capital. "
        "Brandt held a rally on Saturday while Vance hosted an event on Monday. There she said the state had been “with me through thick and thin.”",
    )
    assert said(article, "thick and thin") == "Helen Vance"


def test_she_is_not_a_woman_brought_in_after_the_writer_went_on_about_another():
    article = story(
        "“Own it, express it, be the voice that people hear,” Attorney General Lorna Lyle said.",
        "She has faced a number of controversies since taking office, most recently her decision to meet with Bill Crane "
        "while the department was investigating his wife, the nominee Helen Crane, over the private server she used at the ministry. "
        "She has called the police shootings across the country and the unrest that followed a moment much like the civil rights movement, "
        "and she has toured the country to talk with police chiefs about ways to mend their ties with the neighborhoods they serve. "
        "She said she was not aware of a stronger backlash against her because of those controversies.",
        "“People tend not to say those things to the attorney general,” she said.",
    )
    assert said(article, "say those things") in ("Lorna Lyle", None)


def test_a_bare_quote_after_a_partial_one_goes_on_with_its_speaker():
    article = story(
        "“That would be a false reason,” Senator Rob Menard said. “You can't use the waivers as a reason.”",
        "Senator Bob Corbin said he and his partners were “meticulous” about avoiding any language that would touch the deal. "
        "“If we were to touch it in any way, the administration would say that we were undermining the deal.”",
    )
    assert said(article, "undermining the deal") == "Bob Corbin"


# -- a partial quote at the end of what the subject says ---------------------------


def test_a_quote_closing_a_subordinate_clause_is_still_what_the_subject_said():
    article = story(
        "Governor Dana Whitfield spent Monday in the river towns, where the flood took two bridges.",
        "Whitfield says she would hire engineers who “know these rivers better than any consultant in the capital.”",
        "Mayor Tom Kessler said it's unrealistic to think that if the state pulls its crews back, “the towns can rebuild these bridges on their own.”",
        "Kessler says the county will ask for federal money because “nobody else has this kind of money.”",
    )
    assert said(article, "know these rivers") == "Dana Whitfield"
    assert said(article, "rebuild these bridges") == "Tom Kessler"
    assert said(article, "nobody else has") == "Tom Kessler"


def test_an_opinion_writer_opines():
    article = story(
        "The council voted 5-2 on Tuesday to spend the flood money on the stadium first.",
        "Letters to the editor have run against the vote all week, calling it a gift to the team's owners. “Bridges come before stadiums,” opined columnist Ruth Adler.",
    )
    assert said(article, "Bridges come before") == "Ruth Adler"



def test_a_participle_with_no_reporting_verb_before_it_goes_with_the_sentence_subject():
    article = story(
        "The city's pool will stay open through August after all, the council decided on Tuesday.",
        "Mayor Dana Ortiz defended the budget that evening, saying the cuts were “the price of keeping the pool open for every child in town.”",
        "Senator Kim Lowry addressed Pastor Ben Hale's congregation on Sunday, saying that “this town has carried its neighbors before, and it will again.”",
        "Lawyers for the county appeared to oppose the plan, saying in a filing that the money was “never meant to fill swimming pools while the county roads crumble.”",
    )
    assert said(article, "price of keeping") == "Dana Ortiz"
    assert said(article, "carried its neighbors") == "Kim Lowry"
    assert said(article, "never meant to fill") is None


def test_who_calls_or_thanks_speaks_the_quote_not_whom_they_call_or_thank():
    article = story(
        "The county board approved the new animal shelter on Thursday after two years of delays.",
        "Commissioner Rita Vance called the vote “a promise kept to every family that ever lost a dog on these roads.”",
        "Sheriff Alan Brooks thanked Rita Vance for “standing up to the people who wanted this money spent on parking lots.”",
        "Former Mayor Hugh Carver, for his part, is labeling the shelter “the most expensive kennel in the history of the state.”",
        "The shelter opens next spring in what director Nina Patel called “the best-kept building in the county.”",
    )
    assert said(article, "a promise kept") == "Rita Vance"
    assert said(article, "standing up to the people") == "Alan Brooks"
    assert said(article, "most expensive kennel") == "Hugh Carver"
    assert said(article, "best-kept building") == "Nina Patel"



def test_german_who_calls_something_speaks_the_quote():
    article = story(
        "Der Stadtrat hat am Donnerstag das neue Tierheim beschlossen.",
        "Bürgermeisterin Rita Vogel nannte den Beschluss „ein Versprechen an jede Familie, die je einen Hund verloren hat“.",
        language="de",
    )
    assert said(article, "ein Versprechen an jede Familie") == "Rita Vogel"


def test_a_second_quote_after_a_participle_goes_with_the_sentence_speaker():
    article = story(
        "The county's new jail opened on Monday, a year late and $30 million over budget.",
        "Sheriff Ana Torres said that there is “no building in this state that was harder to finish,” adding that it's why the jail “will stand for fifty years without another dime from taxpayers.”",
        "Commissioner Leo Grant called the delay a “shameful waste,” adding that the contractor who “walked off the site twice should never bid in this county again.”",
        "Continuing to explain the delays, Torres rejected the notion that it was a waste, saying that if the county “had built the cheap version, we would be back here in ten years.”",
        "Former Sheriff Dale Moody quashed rumors he would run again by tweeting that “one term in that office was plenty for any man.”",
    )
    assert said(article, "without another dime") == "Ana Torres"
    assert said(article, "walked off the site") == "Leo Grant"
    assert said(article, "cheap version") == "Ana Torres"
    assert said(article, "one term in that office") == "Dale Moody"


def test_a_digest_line_signed_before_its_colon_is_the_signer_s_quote():
    article = story(
        "Here is what the pollsters are reading this week.",
        "VOTERS SOUR ON THE TOLL ROAD - Maria Ostrowski: “Support for the toll road fell by twelve points in a month, the steepest drop we have measured on any local question.”",
        "Analysts agree - Tom Reyes: “Nobody in either party wants to own this road before the election, and the numbers show why.”",
        "TURNOUT COULD BREAK RECORDS - Ann Pike and Joe Lund: “Early voting is running ahead of every midterm we have on record in this county.”",
    )
    assert said(article, "steepest drop") == "Maria Ostrowski"
    assert said(article, "Nobody in either party") == "Tom Reyes"
    assert said(article, "Early voting is running") is None


def test_a_long_reporting_clause_after_a_quote_hands_on_to_the_next_sentence_of_speech():
    article = story(
        "The panel's hearing on the dam inspections ran past midnight.",
        "“If any other agency had lost these reports, heads would have rolled by now,” Rep. Lou Ames (R-Ohio), a member of the panel, said in a phone interview. “But everyone at the dam office gets a second chance, and a third.”",
    )
    assert said(article, "heads would have rolled") == "Lou Ames"
    assert said(article, "a second chance") == "Lou Ames"


def test_a_sentence_that_reports_who_speaks_introduces_the_quote_after_it_in_the_paragraph():
    article = story(
        "The state wants the county to pay a third of the new highway's cost.",
        "The county will appeal the ruling, Mayor Ruth Okafor said on Monday. “We have no intention of paying for a road this county never asked for and never wanted.”",
    )
    assert said(article, "no intention of paying") == "Ruth Okafor"


def test_a_quote_paragraph_after_one_whose_subject_praises_or_goes_on_is_theirs():
    article = story(
        "The new library opened on Saturday after four years of fundraising.",
        "Councilman Ed Walsh praised the volunteers who raised the last million dollars in a single summer.",
        "“Nobody at City Hall believed these people could do it, and they did it with bake sales and car washes.”",
        "Joan Pruitt, the head librarian, continued her tour of the reading rooms.",
        "“Every child in this town gets a card on the day they learn to write their name.”",
    )
    assert said(article, "bake sales") == "Ed Walsh"
    assert said(article, "gets a card") == "Joan Pruitt"


def test_a_statement_saying_something_is_its_issuer_s():
    article = story(
        "The state's plan to close the rural hospital drew fire all week.",
        "County Executive Maria Lopez issued a statement saying that the plan “would leave forty thousand people an hour from the nearest emergency room.”",
    )
    assert said(article, "forty thousand people") == "Maria Lopez"


def test_a_second_verb_and_a_pledge_keep_the_sentence_subject_as_speaker():
    article = story(
        "The bridge over the Mill River reopened on Friday after two years of repairs.",
        "Mayor Ruth Okafor, who cut the ribbon, did not name the governor, but told the crowd that the state had been “the slowest partner this town has ever had.”",
        "Governor Hal Brandt pledged to make the river towns “the first place in the state to get every dollar of the new road fund.”",
    )
    assert said(article, "slowest partner") == "Ruth Okafor"
    assert said(article, "every dollar of the new road fund") == "Hal Brandt"


def test_a_list_of_names_called_after_one_verb_is_all_the_caller_s():
    article = story(
        "The county board approved the stadium deal on Thursday.",
        "Commissioner Rita Vance called the deal a “giveaway” that is “reckless,” a “scandal” and a “betrayal of every taxpayer who trusted this board with their money.”",
    )
    assert said(article, "betrayal of every taxpayer") == "Rita Vance"


def test_the_subject_of_a_while_clause_or_past_a_possessive_speaks():
    article = story(
        "The county's two top officials split over the jail on Tuesday.",
        "Commissioner Rita Vance wants a new jail, while Sheriff Dan Cole said that the old one “can hold this county for another twenty years with a new roof.”",
        "Cole, who has long complained that the board listens only to Cole's rivals, said Friday that the plan “has more to do with next year's election than with the inmates.”",
    )
    assert said(article, "another twenty years") == "Dan Cole"
    assert said(article, "next year's election") == "Dan Cole"


def test_a_name_with_a_long_description_before_said_speaks_the_quotes_around_it():
    article = story(
        "Most voters in the county say the race has been the nastiest they remember.",
        "“Both candidates scare me, and I have voted in every election since 1972,” Ben Ortiz, 54, of Millbrook, Ohio, who was among those polled, said in a follow-up interview. “We need people who will bring this town together rather than divide it further.”",
    )
    assert said(article, "Both candidates scare me") == "Ben Ortiz"
    assert said(article, "bring this town together") == "Ben Ortiz"


def test_a_titled_one_word_name_opening_a_sentence_is_still_a_person():
    article = story(
        "A truck drove into a crowd watching the fireworks in the harbor town late on Thursday.",
        "In the capital, President Alvarado released a statement Thursday night condemning “what appears to be a horrific attack on families who came to celebrate.”",
    )
    assert said(article, "horrific attack on families") == "Alvarado"


def test_an_email_story_is_a_story_not_someone_emailing():
    article = story(
        "Hillary Clinton answered questions about her email on Tuesday.",
        "Clinton said in the spring, when the private server email story broke, “I did not email any classified material to anyone on my email.”",
    )
    assert said(article, "did not email any classified") in (None, "Hillary Clinton")


def test_and_later_said_is_the_sentences_subject_not_the_city_on_the_way():
    article = story(
        "Retired Army Col. Lawrence Whitaker started the host's rant when he brought up the Oklahoma City bombing and later said, “It's not just Muslims shooting people.”",
    )
    assert said(article, "not just Muslims") == "Lawrence Whitaker"


def test_a_quote_paragraph_goes_on_with_the_speaker_of_a_partial_quote_her_clause_closed():
    article = story(
        "The governor spoke to the mayors' conference on Friday without naming her rival.",
        "The state needs leaders “who understand that loose talk in hard times only makes the times harder,” Governor Ruth Okafor said.",
        "“And that is why steady hands matter more this year than loud voices ever could.”",
    )
    assert said(article, "steady hands matter") == "Ruth Okafor"


def test_worrying_estimating_and_indicating_are_speech_too():
    article = story(
        "The council took up the new zoning rules on Monday night.",
        "Councilwoman Jane Ho worried that the rules would turn the old mill district into “a parking lot with a few expensive apartments on top.”",
        "Fire Chief Dan Ruiz estimated that there are “somewhere between forty and sixty buildings downtown without working sprinklers.”",
    )
    assert said(article, "a parking lot with a few") == "Jane Ho"
    assert said(article, "forty and sixty buildings") == "Dan Ruiz"


def test_the_one_who_asked_is_named_after_by():
    article = story(
        "The senator sat for a long interview on the late show on Friday.",
        "Senator Kim Lowry was asked by host Dan Fisher, who has backed her campaign from the start, “Now, you said last year that the email story would never go away, didn't you?”",
    )
    assert said(article, "email story would never go away") == "Dan Fisher"


def test_a_sentence_opening_with_a_speaker_and_her_announcement_introduces_the_quote_after_it():
    article = story(
        "The state will try to stop the sale of the county's water district.",
        "Attorney General Lena Ruiz announced on Monday the state's lawsuit against the county. “We are asking the court to stop this sale before the first pipe changes hands.”",
    )
    assert said(article, "before the first pipe") == "Lena Ruiz"


def test_a_long_colon_lead_in_is_the_words_of_the_person_it_opens_with():
    article = story(
        "The shooting at the mall left nine people dead on Friday night.",
        "In response, Mr. Hale, the party's nominee for governor, issued the following statement after meeting the families of the victims at the county hospital:",
        "“Our prayers are with every family that lost someone tonight, and with the officers who ran toward the gunfire.”",
        "As the mayor tried to calm the crowd outside the hospital — especially the families still waiting for news — Sheriff Ana Torres answered with a warning of her own: “Nobody goes home until we know who helped him.”",
    )
    assert said(article, "Our prayers are with every family") == "Hale"
    assert said(article, "Nobody goes home") == "Ana Torres"


def test_said_first_and_as_someone_put_it_name_the_speaker_past_a_long_appositive():
    article = story(
        "Hundreds of neighbors left flowers outside the boxer's childhood home on Sunday.",
        "The small pink house was turned into a museum last year. Said Martha Greer, who grew up with him on the same street, “We were all so proud of him, every one of us on this block.”",
        "Few senators expect a vote before the election. As Tom Riley, the No. 2 in the party's leadership, put it: “This nominee will not be confirmed, so there is no point in a hearing.”",
    )
    assert said(article, "so proud of him") == "Martha Greer"
    assert said(article, "will not be confirmed") == "Tom Riley"


def test_someone_s_response_or_catch_phrase_is_their_quote():
    article = story(
        "Aides emailed the governor late at night about the flooding in the river towns.",
        "Governor Lena Ruiz's response was: “Is the bridge at Mill Creek still open, or do we need the Guard there by morning?”",
        "In the 2010 race, Mayor Tom Kessler's catch phrase against his rival was that Whitman “would promise anything to anyone to get elected one more time.”",
    )
    assert said(article, "bridge at Mill Creek") == "Lena Ruiz"
    assert said(article, "promise anything to anyone") == "Tom Kessler"


def test_a_one_word_name_s_letter_speaks_for_its_writer():
    article = story(
        "Two members of the platform committee want the party to say more about the attack.",
        "Ortiz's letter makes a blunt case: “The people who did this hate everything this country stands for, and our platform should say so plainly.”",
    )
    assert said(article, "hate everything this country") == "Ortiz"


def test_went_on_to_say_is_the_subject_speaking_again():
    article = story(
        "The two leaders met for an hour on Thursday to patch up their feud.",
        "Governor Hal Brandt went on to say he is “confident” that once the session is over, “the two of us will get a great deal done for this state.”",
    )
    assert said(article, "great deal done") == "Hal Brandt"


def test_he_never_stands_for_a_plural_noun_that_only_ever_opens_a_sentence():
    article = story(
        "I told Senator Brandt last month that his “endorsement” of me had been mentioned by a news site. "
        "Neighbours offered to vote for me when I posted the story online.",
        "“I've ruined your good reputation, huh?” he responded.",
    )
    assert said(article, "ruined your good reputation") != "Neighbours"


def test_a_renaming_name_may_carry_its_home_state_before_the_comma():
    article = story(
        "Governor Dan Mercer spoke first and was cheered for ten minutes.",
        "Mercer's chief Democratic rival, Sen. Bernard Sand of Vermont, was the only major candidate who skipped the meeting. "
        "Instead he gave a speech in Salt Lake City in which he pledged that he would be “a friend not only to one side but to both peoples in the region.”",
    )
    assert said(article, "both peoples in the region") == "Bernard Sand"


def test_he_is_not_the_man_his_own_sentence_reports_on_before_he_said():
    article = story(
        "Norland said last week that it would double its investment in Kalmaria's oil fields.",
        "“We cannot let one neighbour buy the whole country,” said Tom Parry, an opposition lawmaker.",
        "Kalmaria's foreign minister, Erlan Idris, plays down such concerns. Norland may outnumber Kalmaria by eighty to one, but its growth is good news for the region, he says. "
        "“Our philosophy is simple: we should get on board that train,” he said in an interview.",
    )
    # Nothing shows the minister is a man; "he" is him or nobody, never the country
    # his own sentence reports on.
    assert said(article, "get on board that train") in ("Erlan Idris", None)


def test_a_second_quote_in_the_same_sentence_keeps_the_first_ones_speaker():
    article = story(
        "“It couldn't be more clear,” said the radio host Glenn Becker at the rally.",
        "Becker, who has in the past described Dan Mercer as “a narcissist,” clearly intended the audience to “recognize” Mercer in that passage.",
        "The radio talker has increasingly filled his rally speeches with religious imagery. "
        "He has declared the senator to be “anointed” by God and “a man who was raised for these times” by God.",
    )
    assert said(article, "raised for these times") == "Glenn Becker"


def test_he_is_never_a_woman_known_only_by_her_first_name():
    article = story(
        "“Would you like to see a rally like this in every city?” Governor Dan Mercer asked the crowd.",
        "“I would,” Melanie said to the television. “I would, Dan.”",
        "As Mercer went on about “how the system is rigged,” Melanie said yes, yes, yes, over and over again, until Mercer reached the last words of his speech. "
        "“I love you,” he said.",
    )
    assert said(article, "I love you") == "Dan Mercer"
