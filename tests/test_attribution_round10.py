"""Rules of the tenth round of attribution work, each a table of made-up sentences with the speaker
of a quote: positive rows (the rule finds the speaker) and negative rows (it must not find one, or
must not find the wrong one). What each rule earned is in docs/ATTRIBUTION.md."""
from __future__ import annotations

import pytest

from quoted import last


SPEAKER_ROWS = [
    # a subordinate clause ("Although ..., ") opens the sentence before its subject
    pytest.param("Although nobody expects the quarrel about the old files on Senator Ann Tully’s private mail "
                 "server to end soon, Attorney General Rosa Brandt closed her part of it on Wednesday by saying that "
                 "her office would not charge Tully.\n\n"
                 "“I saw the director and his team at noon,” she said in a statement.", "Rosa Brandt",
                 id="subject-after-a-subordinate-clause"),
    pytest.param("Although Senator Ann Tully spoke for an hour, the hall was half empty.\n\n"
                 "“I saw the director and his team at noon,” she said.", "Ann Tully",
                 id="negative-subject-inside-the-clause"),
    # an entity's mentions in one sentence count once: the subject of the sentence before wins
    # over a name said twice in it as an object
    pytest.param("Mayor Ivo Pell named Dan Rusk to the board on Monday, praising Rusk for the plan that Rusk drew "
                 "up with Rusk’s team.\n\n“We need a new depot,” he said.", "Ivo Pell",
                 id="a-sentence-counts-once"),
    # a name set off after its description, then the cue: "The leader of the guild, Jon Lee, warned"
    pytest.param("Hana Frey had spoken first. The leader of the Harbour Guild, Jon Lee, warned that the new levy "
                 "would prove “a disgrace.” He said members “have seen where bans of this kind lead.”", "Jon Lee",
                 id="description-then-name-then-cue"),
    pytest.param("Hana Frey had spoken first. The leader of the Harbour Guild, Jon Lee, was not there. "
                 "She said members “have seen where bans of this kind lead.”", "Hana Frey",
                 id="negative-no-cue-after-the-name"),
    # the one asked answers next: "Cole asked Ann Lee whether ..."
    pytest.param("Last month, the Courier’s Tom Cole asked Sam Wynn whether voters may weigh his age. "
                 "“Of course they may. I am as fit as I was at forty,” he said.", "Sam Wynn",
                 id="the-one-asked-answers"),
    pytest.param("Last month, the Courier’s Tom Cole asked Sam Wynn, who did not answer. "
                 "“I asked twice,” he said.", "Tom Cole", id="negative-asked-then-the-clause-ends"),
    # a name between "the" and a noun modifies the noun: "The Vole campaign on Monday ..." is no
    # subject that a he stands for
    pytest.param("Senator Tim Vole and Dr. Ben Carr both spoke in Reno on Sunday.\n\nThe Vole campaign on Monday "
                 "night passed along a rumour that Carr was quitting the race.\n\n“Are these the standards we keep?” he "
                 "told the show.", "Ben Carr", id="name-modifying-a-noun"),
    pytest.param("Senator Tim Vole and Dr. Ben Carr both spoke in Reno on Sunday.\n\nVole on Monday night passed "
                 "along a rumour that Carr was quitting the race.\n\n“Are these the standards we keep?” he told the "
                 "show.", "Tim Vole", id="negative-name-as-the-subject"),
    # campaigns: "the Vole campaign", "Vole's campaign" speak as the campaign of the person
    pytest.param("Ann Vole, a Republican, will speak in Leeds on Monday. According to the Vole campaign, “The "
                 "speech will be given at the civic hall at noon.”", "Ann Vole campaign", id="the-x-campaign"),
    pytest.param("Ann Vole will speak in Leeds on Monday. Vole’s campaign said: “The speech will be given at "
                 "the civic hall at noon.”", "Ann Vole campaign", id="x-s-campaign"),
    pytest.param("Ann Vole will speak in Leeds on Monday. A campaign said: “The speech will be given at "
                 "the civic hall at noon.”", None, id="negative-a-campaign"),
    # a document a campaign sends out speaks for the campaign; an email is a document
    pytest.param("Senator Ann Vole lost the vote in Leeds. Vole’s campaign put out an email appeal that looked "
                 "ahead. “We must help Ann win the states that vote next,” the email said.",
                 "Ann Vole campaign", id="campaign-sends-an-email"),
    pytest.param("Senator Ivo Dane won the vote in Leeds. On Saturday, his campaign put out a donor email "
                 "noting the result. “Our movement has already changed the debate,” read the email.",
                 "Ivo Dane campaign", id="his-campaign-sends-an-email-saying"),
    pytest.param("Senator Ivo Dane won the vote in Leeds. On Saturday, a group of voters sent out an email on the "
                 "result. “Our movement has already changed the debate,” read the email.", None,
                 id="negative-an-email-from-no-one-named"),
    # (an email a document, its sender must not be lost: "a letter was sent from the choir's head,
    # Ann Lee"; "Ann Lee emailed supporters ... The email said")
    pytest.param("The choir is folding. A short email was sent from the choir’s long-time head, Sarah Quint, to the "
                 "singers. The email said, “From today the choir will stop meeting.”", "Sarah Quint",
                 id="negative-document-sent-from-a-named-person"),
    pytest.param("Nadia Ferro, an aide to the mayor, emailed supporters on Monday, telling them, “I am proud of "
                 "this city.” The email continues: “The plan is not who we are.”", "Nadia Ferro",
                 id="negative-emailed-then-the-email"),
    # of two people sharing a surname, the one named in full time and again is not the bare surname
    pytest.param("Neil Garrow was posting insults about his rival when his son spoke.\n\nPeter Garrow, son "
                 "of the front-runner, talked politics on the radio.\n\n“The race is close,” Peter Garrow said. "
                 "“He will win,” Peter Garrow said.\n\nPeter Garrow spoke a day after his father posted a "
                 "fresh insult for his rival in a Sunday tweet on the social network.\n\n“My rival pours money into "
                 "attack spots every week. She fears facing me more than anyone in the field,” Garrow tweeted.",
                 "Neil Garrow", id="the-one-named-in-full-each-time-is-the-other"),
    pytest.param("Neil Garrow was posting insults about his rival when his son spoke.\n\nPeter Garrow, son "
                 "of the front-runner, talked politics on the radio.\n\n“The race is close,” Garrow said.",
                 "Peter Garrow", id="negative-the-one-just-named"),
    # a title or term in marks is narration: the quote after it reads its sentence from the start
    pytest.param("Ann Roe spoke on “Harbour Mornings” on Monday and predicted listeners “will be feeling uneasy "
                 "by the spring.”", "Ann Roe", id="quote-after-a-title-in-its-sentence"),
    pytest.param("Ann Roe praised “Harbour Mornings” on Monday. Tom Pike said the show ran “far too long for "
                 "its slot.”", "Tom Pike", id="negative-quote-after-a-title-with-its-own-speaker"),
    # a day after an adverb stands between the speaker and the cue: "Lee later Thursday told"
    pytest.param("Rhys Pryor spoke on Monday. Pryor later Thursday told Harbour Radio: “Both men meet next week "
                 "to settle these things.”", "Rhys Pryor", id="adverb-and-day-before-the-cue"),
    pytest.param("Rhys Pryor spoke on Monday. Thursday told Harbour Radio: “Both men meet next week to settle "
                 "these things.”", None, id="negative-a-day-alone-is-no-speaker"),
    # a titled owner's campaign, an aside before the cue: "Sen. Ann Vole's campaign, for its part, said"
    pytest.param("Most senators said they would back Pike. Harbour Sen. Ann Vole’s campaign, for its part, said "
                 "she would “back whoever is picked” but not campaign for them.", "Ann Vole campaign",
                 id="titled-owner-campaign-with-an-aside"),
    pytest.param("Ann Vole spoke. Mrs. Vole’s campaign said it would “back whoever is picked” but not campaign for them.",
                 "Ann Vole campaign", id="title-and-surname-campaign"),
    pytest.param("Ann Vole spoke. Mrs. Vole’s aide said it would “back whoever is picked” but not campaign for them.",
                 None, id="negative-an-aide-is-no-campaign"),
    # a document named by the kind of body that issued it: "a bank statement said" is the bank's
    pytest.param("Harbour Savings Bank will sell new notes. They come in units of ten, a bank statement said. "
                 "“They will suit firms that want a short deposit,” the statement added.", "Harbour Savings Bank",
                 id="document-of-a-kind-of-body"),
    pytest.param("Harbour Savings Bank will sell new notes. They come in units of ten, a joint statement said. "
                 "“They will suit firms that want a short deposit,” the statement added.", None,
                 id="negative-document-of-no-kind"),
    # a description subject ends at its person noun: "The businessman began ..." (an irregular verb)
    pytest.param("Tom Pike spoke at the Elks Lodge. The businessman began his talk on the drug problem, saying "
                 "that a dose is now “cheaper than a bag of sweets.”", "Tom Pike", id="person-noun-then-a-verb"),
    pytest.param("Tom Pike spoke at the Elks Lodge. The evening began with a talk on the drug problem, saying "
                 "that a dose is now “cheaper than a bag of sweets.”", None, id="negative-no-person-noun"),
    # "Even as ..., she ..." opens with a clause, as "As ..., she ..." does
    pytest.param("Ann Roe spoke to voters in Leeds. Even as Roe was faulting Pike, she came under fire over her "
                 "claim that “the plan is right where it should be” for now.", "Ann Roe", id="even-as-clause-opener"),
    pytest.param("Ann Roe spoke to voters in Leeds. Even Roe was critical of Pike, and Tom Lee said the plan was "
                 "“right where it should be” for now.", "Tom Lee", id="negative-even-before-a-name"),
]


@pytest.mark.parametrize("text, speaker", SPEAKER_ROWS)
def test_speaker_of_last_quote(text, speaker):
    """The last quote of each made-up text gets the speaker the rule gives (or none)."""
    assert last(text) == speaker
