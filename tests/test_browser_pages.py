"""The pages a reporter uses, in headless Chromium, on the generated news corpus
(tests/web_corpus.py: four outlets over five years, Mayor Elena Marsh quoted by all of them,
two people named Reyes). Every test fails on a script error or a console error (CSP included:
the `web_site` fixture)."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_check_a_quote_from_a_reworded_paste(web_site):
    """A half-remembered quote (other words, other marks, shortened) finds the mayor's quote and
    the outlet that ran it first, with how many outlets carried it and the differences marked."""
    page, base = web_site
    page.goto(base + "/")
    page.get_by_label(re.compile("Paste a quote to check")).fill(
        "“We won't close one single fire station while I’m mayor of this city”")
    page.get_by_role("button", name="Check").click()
    expect(page).to_have_url(re.compile(r"/check\?q="))
    expect(page.get_by_role("status")).to_contain_text("Found: Elena Marsh")
    match = page.locator("li.match").first
    expect(match.get_by_role("heading")).to_contain_text("Elena Marsh")
    expect(match.locator("p.first")).to_contain_text("2021-03-02")
    expect(match.locator("p.first")).to_contain_text("Harborview Herald")
    expect(match.locator("p.first")).to_contain_text("3 outlets")
    expect(match.locator(".diff ins").first).to_be_visible()
    match.get_by_role("link", name="Every wording").click()
    expect(page.locator("section.wording")).to_have_count(3)


def test_check_says_plainly_when_nothing_is_close(web_site):
    page, base = web_site
    page.goto(base + "/check")
    page.get_by_role("textbox").fill("Penguins are excellent swimmers in cold southern waters")
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("status")).to_contain_text("Nothing close")
    expect(page.locator("li.match")).to_have_count(0)


def test_search_groups_the_same_quote_across_outlets(web_site):
    """One result for the quote three outlets carried, saying where it ran first; one row per
    article on request."""
    page, base = web_site
    page.goto(base + "/search?q=%22fire+station%22")
    expect(page.get_by_role("heading", name="Quotes 1\u20131 of 1")).to_be_visible()
    carried = page.locator("ol.hits li.hit p.carried")
    expect(carried).to_contain_text("Carried by 3 outlets")
    expect(carried).to_contain_text("first 2021-03-02 in Harborview Herald")
    page.get_by_role("link", name="One row per article").click()
    expect(page.get_by_role("heading", name="Quotes 1\u20133 of 3")).to_be_visible()


def test_orders_and_query_help(web_site):
    """Newest, oldest and most carried reorder the quotes; the examples of the help find something."""
    page, base = web_site
    page.goto(base + "/search?q=city")
    page.locator("p.choices").get_by_role("link", name="oldest").click()
    expect(page).to_have_url(re.compile(r"sort=oldest"))
    dates = page.locator("ol.hits li.hit p.meta time").all_inner_texts()
    assert dates == sorted(dates) and dates
    page.locator("p.choices").get_by_role("link", name="most carried").click()
    expect(page.locator("ol.hits li.hit").first.locator("p.carried")).to_contain_text("Carried by 3 outlets")
    page.goto(base + "/search")
    help_ = page.locator("details.syntax")
    expect(help_).to_have_attribute("open", "")
    example = help_.locator("ul.examples a").first
    expected = help_.locator("ul.examples li").first.locator(".count").inner_text()
    example.click()
    expect(page.get_by_role("heading", level=2).first).to_contain_text(f"of {expected.split()[0]}")
    expect(page.locator("#since")).to_have_attribute("placeholder", "2008-05-12")


def test_speakers_list_by_count_and_kind(web_site):
    """The most quoted first; organisations apart; both Reyes listed; A-Z on request."""
    page, base = web_site
    page.goto(base + "/speakers")
    names = page.locator("ol.speaker-ranking li a").all_inner_texts()
    assert names[0] == "Elena Marsh" and names[1] == "Tom Reyes" and "Clara Reyes" in names
    expect(page.locator("ol.speaker-ranking li").first).to_contain_text("12 quotes")
    page.get_by_role("link", name="organisations").click()
    expect(page.locator("ol.speaker-ranking li a")).to_have_text(["Harbor Authority"])
    page.get_by_role("link", name="A–Z").click()
    expect(page.get_by_role("navigation", name="Speakers by letter")).to_be_visible()


def test_a_surname_two_people_share_lists_both(web_site):
    """"Reyes" is Tom or Clara: the page says so and lists both, most quoted first."""
    page, base = web_site
    page.goto(base + "/speakers?q=reyes")
    expect(page.locator("ol.speaker-ranking li a")).to_have_text(["Tom Reyes", "Clara Reyes"])


def test_speaker_page_newest_first_then_by_outlet(web_site):
    """The mayor's quotes newest first; the outlet filter keeps one outlet's; the sort changes."""
    page, base = web_site
    page.goto(base + "/speakers")
    page.get_by_role("link", name="Elena Marsh").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Elena Marsh")
    first = page.locator("ol.clusters li.cluster").first
    expect(first).to_contain_text("The sea wall held")                    # 2023-10-02, the newest
    expect(page.locator("p.choices strong[aria-current=true]").first).to_have_text("newest")
    page.locator("div.narrow").get_by_role("link", name="The Coastal Times").click()
    expect(page).to_have_url(re.compile(r"outlet=coastal-times"))
    expect(page.get_by_role("list", name="Filters in use")).to_contain_text("Outlet: coastal-times")
    clusters = page.locator("ol.clusters li.cluster")
    expect(clusters.first).to_be_visible()
    for text in page.locator("ol.clusters li.cluster > p.meta").all_inner_texts():
        assert "The Coastal Times" in text
    page.locator("p.choices").get_by_role("link", name="oldest").click()
    expect(page).to_have_url(re.compile(r"outlet=coastal-times.*sort=oldest|sort=oldest.*outlet=coastal-times"))


def test_a_timeline_bar_leads_to_its_month(web_site):
    """A bar of the chart is a link to that month's quotes."""
    page, base = web_site
    page.goto(base + "/speaker/elena-marsh")
    page.get_by_role("link", name="2021-03: 3 quotes").click()          # one quote, three reports
    expect(page).to_have_url(re.compile(r"since=2021-03&until=2021-03"))
    expect(page.locator("ol.clusters li.cluster")).to_have_count(1)
    expect(page.locator("ol.clusters li.cluster")).to_contain_text("fire station")


def test_name_completion_from_a_typo(web_site):
    """A typo in a name still offers the speaker, and Enter opens their page."""
    page, base = web_site
    page.goto(base + "/speakers")
    page.get_by_role("combobox", name="Find a speaker").press_sequentially("marhs", delay=40)
    page.get_by_role("option", name=re.compile("Elena Marsh")).click()
    expect(page).to_have_url(re.compile(r"/speaker/elena-marsh$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Elena Marsh")


def test_home_page_people_first(web_site):
    """The home page: the most quoted speakers and the latest quotes, one per quote."""
    page, base = web_site
    page.goto(base + "/")
    expect(page.locator("ol.top-speakers li a").first).to_have_text("Elena Marsh")
    latest = page.locator("section[aria-labelledby=latest] ol.hits li.hit")
    expect(latest.first).to_contain_text("The sea wall held")
    expect(latest.first.locator("span.outlet")).to_have_text("Harborview Herald")
    expect(latest.nth(1).locator("span.outlet")).to_have_text("River Valley Radio")   # named by --outlet


def test_unsure_attributions_can_be_hidden(web_site):
    """The search form's checkbox hides attributions below the documented threshold."""
    page, base = web_site
    page.goto(base + "/search?q=city")
    page.locator("details.more summary").click()
    page.get_by_label(re.compile("Hide unsure attributions")).check()
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"hide_unsure=1"))
    expect(page.locator("span.unsure")).to_have_count(0)
